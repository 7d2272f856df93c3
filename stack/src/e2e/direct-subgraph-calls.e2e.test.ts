import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '@shopgraph/gateway/config';
import { SEED_USERS } from '@shopgraph/seed-data/fixture';
import type { Identity } from '@shopgraph/service-kit/identity';
import { SIGNATURE_HEADERS, encodeIdentity, signRequest } from '@shopgraph/service-kit/request-signature';
import { SUBGRAPH_NAMES } from '@shopgraph/stack/subgraph-names';
import { TEST_ENV, startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const customer: Identity = { kind: 'user', userId: SEED_USERS[0].id, role: 'CUSTOMER' };
const admin: Identity = { kind: 'user', userId: customer.kind === 'user' ? customer.userId : '', role: 'ADMIN' };
// what a subgraph executes for anyone signed: a lookup that would reach the database
const body = JSON.stringify({
  query:
    '{ _entities(representations: [{ __typename: "Order", id: "00000000-0000-4000-8000-000000000000" }]) { __typename } }',
});

// what the gateway signs: its method and request target as well as the body
const POST_GRAPHQL = { method: 'POST', target: '/graphql' } as const;

let shop: TestStack;
beforeAll(async () => {
  shop = await startTestStack();
});
afterAll(() => shop.stop());

describe.each(SUBGRAPH_NAMES)('calling the %s subgraph directly', (name) => {
  let secret: string;
  let url: string;
  beforeAll(() => {
    secret = loadGatewayConfig(TEST_ENV).subgraphs(name).signingSecret;
    url = shop.stack.subgraphs[name].url;
  });

  const post = (headers: Record<string, string>, payload = body) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
  const signed = (identity: Identity, options: { now?: number; payload?: string } = {}) =>
    signRequest({
      secret,
      encodedIdentity: encodeIdentity(identity),
      ...POST_GRAPHQL,
      body: options.payload ?? body,
      ...(options.now ? { now: options.now } : {}),
    });

  /** Sends, and checks the refusal happened before any SQL ran. */
  async function expectRefused(send: () => Promise<Response>) {
    const before = shop.stack.subgraphs[name].statements.count;
    const response = await send();
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(shop.stack.subgraphs[name].statements.count).toBe(before);
  }

  it('refuses an unsigned request', () => expectRefused(() => post({})));

  it('refuses a forged identity header (a customer claiming ADMIN)', () =>
    expectRefused(() => post({ ...signed(customer), [SIGNATURE_HEADERS.identity]: encodeIdentity(admin) })));

  it('refuses a tampered body', () => expectRefused(() => post(signed(customer), body.replace('Order', 'User'))));

  it('refuses a signed request replayed with another query string', () =>
    expectRefused(() =>
      fetch(`${url}?query=%7B__typename%7D`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed(customer) },
        body,
      }),
    ));

  it('refuses a request replayed more than 60 s after it was signed', () =>
    expectRefused(() => post(signed(customer, { now: Date.now() - 61_000 }))));

  it('refuses a signature made with another subgraph’s secret', () => {
    const other = SUBGRAPH_NAMES.find((n) => n !== name) ?? name;
    const otherSecret = loadGatewayConfig(TEST_ENV).subgraphs(other).signingSecret;
    const headers = signRequest({
      secret: otherSecret,
      encodedIdentity: encodeIdentity(customer),
      ...POST_GRAPHQL,
      body,
    });
    return expectRefused(() => post(headers));
  });

  it('answers a request the gateway signed', async () => {
    const response = await post(
      signed({ kind: 'anonymous' }, { payload: JSON.stringify({ query: '{ __typename }' }) }),
      JSON.stringify({ query: '{ __typename }' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
