import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const SHOP = 'https://shop.example';
let nextIp = 1;
const freshIp = () => `203.0.113.${nextIp++}`;

describe('gateway rate limits, CORS and key IDs', () => {
  let shop: TestStack;
  beforeAll(async () => {
    shop = await startTestStack({
      TRUST_PROXY: '1',
      CORS_ORIGINS: SHOP,
      RATE_LIMIT_IP_BURST: '3',
      RATE_LIMIT_IP_PER_SECOND: '1',
      RATE_LIMIT_USER_BURST: '2',
      RATE_LIMIT_USER_PER_SECOND: '1',
    });
  });
  afterAll(() => shop.stop());

  const ask = (ip: string, headers: Record<string, string> = {}) =>
    fetch(shop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers },
      body: JSON.stringify({ query: '{ products(first: 1) { totalCount } }' }),
    });

  it('refuses a burst with 429 RATE_LIMITED and Retry-After, readable cross-origin, then recovers', async () => {
    const ip = freshIp();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask(ip)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await ask(ip, { origin: SHOP });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await ask(ip)).status).toBe(200);
  });

  it('limits a signed-in user across addresses', async () => {
    const token = await logInAsCustomer(shop.url);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', kid: 'k1' });
    const auth = { authorization: `Bearer ${token}` };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask(freshIp(), auth)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('answers preflights for listed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(shop.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await preflight(SHOP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect((await preflight('https://evil.example')).status).toBe(403);
  });
});
