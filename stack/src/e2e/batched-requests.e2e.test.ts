import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const manifestPath = fileURLToPath(new URL('../../../gateway/persisted-operations.json', import.meta.url));
let nextIp = 1;
const freshIp = () => `198.51.100.${nextIp++}`;

async function persistedHash(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { operations: { name: string; id: string }[] };
  const found = manifest.operations.find((operation) => operation.name === name);
  if (!found) throw new Error(`the manifest has no ${name} operation`);
  return found.id;
}

interface Answer {
  readonly errors?: readonly { readonly extensions?: { readonly code?: string } }[];
  readonly data?: unknown;
}

describe('batched requests with only persisted operations', () => {
  let shop: TestStack;
  let products: { variables: { first: number }; extensions: unknown };
  beforeAll(async () => {
    shop = await startTestStack({
      ALLOW_BATCHED_REQUESTS: 'true',
      PERSISTED_OPERATIONS_ONLY: 'true',
      MAX_BATCH_OPERATIONS: '4',
      TRUST_PROXY: '1',
      RATE_LIMIT_IP_BURST: '6',
      RATE_LIMIT_IP_PER_SECOND: '0.01',
    });
    const sha256Hash = await persistedHash('Products');
    products = { variables: { first: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash } } };
  });
  afterAll(() => shop.stop());

  const send = (ip: string, batch: unknown) =>
    fetch(shop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(batch),
    });
  const codesOf = async (response: Response) => {
    const body = (await response.json()) as Answer | Answer[];
    return (Array.isArray(body) ? body : [body])
      .flatMap((answer) => answer.errors ?? [])
      .map((e) => e.extensions?.code);
  };

  it('runs a batch of persisted operations, each answered', async () => {
    const response = await send(freshIp(), [products, products]);
    expect(response.status).toBe(200);
    const answers = (await response.json()) as Answer[];
    expect(answers.map((answer) => answer.errors)).toEqual([undefined, undefined]);
  });

  it('refuses a batch holding an operation that is not persisted, running none of it', async () => {
    const adHoc = { query: 'mutation { logIn(email: "admin@shop.test", password: "admin-password") { token } }' };
    const response = await send(freshIp(), [products, adHoc]);
    expect(response.status).toBe(400);
    expect(await codesOf(response)).toEqual(['FORBIDDEN']);
  });

  it('refuses a batch over the maximum size with BAD_USER_INPUT', async () => {
    const response = await send(
      freshIp(),
      Array.from({ length: 5 }, () => products),
    );
    expect(response.status).toBe(400);
    expect(await codesOf(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('counts every operation of a batch against the rate limit', async () => {
    const ip = freshIp(); // a burst of 6 per address
    expect((await send(ip, [products, products, products, products])).status).toBe(200);
    const refused = await send(ip, [products, products, products]);
    expect(refused.status).toBe(429);
    expect(await codesOf(refused)).toEqual(['RATE_LIMITED']);
    // the refused request still cost the one token taken before its body was read: one is left
    expect((await send(ip, [products])).status).toBe(200);
    expect((await send(ip, [products])).status).toBe(429);
  });
});
