import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@shopgraph/service-kit/logger';
import { SIGNATURE_HEADERS, encodeIdentity } from '@shopgraph/service-kit/request-signature';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { createSubgraphBreakers } from './resilience/subgraph-breakers';
import { subgraphFetcher } from './subgraph-fetcher';

const log = createLogger('test', 'silent');
const QUERY = JSON.stringify({ query: '{ products { id } }', variables: {} });
const MUTATION = JSON.stringify({ query: 'mutation { placeOrder(input: {}) { id } }', variables: {} });
const ALICE = encodeIdentity({ kind: 'user', userId: 'alice', role: 'CUSTOMER' });
const BOB = encodeIdentity({ kind: 'user', userId: 'bob', role: 'CUSTOMER' });

// a subgraph stand-in that counts requests and holds every answer until the test releases it
const held: ServerResponse[] = [];
let received = 0;
const server = createServer((request, response) => {
  received += 1;
  request.resume();
  request.once('end', () => held.push(response));
});
let url = '';
const release = () => {
  for (const response of held.splice(0)) {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"products":[]}}');
  }
};

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  received = 0;
});

function caller() {
  const breaker = createSubgraphBreakers({ log }).of('products');
  const fetcher = subgraphFetcher({ subgraph: 'products', secret: 's'.repeat(32), timeoutMs: 30_000, breaker, log });
  const call = fetcher as unknown as (u: string, i: object) => Promise<{ json(): Promise<unknown> }>;
  return (body: string, identity: string) => call(url, { body, headers: { [SIGNATURE_HEADERS.identity]: identity } });
}

describe('identical subgraph calls in flight at once', () => {
  it('sends a query once when the same identity asks it twice, and both callers get the answer', async () => {
    const send = caller();
    const answers = Promise.all([send(QUERY, ALICE), send(QUERY, ALICE)]);
    await waitFor(() => received >= 1, { what: 'the first request', timeout: 30_000 });
    release();
    const [first, second] = await answers;
    expect(await first?.json()).toEqual({ data: { products: [] } });
    expect(await second?.json()).toEqual({ data: { products: [] } });
    expect(received).toBe(1);
  });

  /** Both calls reach the subgraph while both are in flight (a joined one never would). */
  async function bothSent(calls: readonly [body: string, identity: string][]): Promise<void> {
    const send = caller();
    const answers = Promise.all(calls.map(([body, identity]) => send(body, identity)));
    await waitFor(() => received === calls.length, { what: `${calls.length} requests`, timeout: 30_000 });
    release();
    await answers;
  }

  it('sends the same query once per identity, never sharing an answer across identities', async () => {
    await bothSent([
      [QUERY, ALICE],
      [QUERY, BOB],
    ]);
  });

  it('sends every mutation, even two identical ones of the same identity', async () => {
    await bothSent([
      [MUTATION, ALICE],
      [MUTATION, ALICE],
    ]);
  });
});
