import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@shopgraph/service-kit/logger';
import { createSubgraphBreakers } from './resilience/subgraph-breakers';
import { subgraphFetcher } from './subgraph-fetcher';

const log = createLogger('test', 'silent');
const MUTATION = JSON.stringify({ query: 'mutation{placeOrder(input:{}){id}}', variables: {} });
const QUERY = JSON.stringify({ query: '{ me { id } }', variables: {} });

type Answer = (request: IncomingMessage, response: ServerResponse) => void;
const servers: Server[] = [];

/** A subgraph stand-in that has read the whole request before it misbehaves as told. */
async function subgraph(answer: Answer): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.once('end', () => answer(request, response));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function codeOf(url: string, body: string, threshold = 5): Promise<unknown> {
  const breaker = createSubgraphBreakers({ log, failureThreshold: threshold }).of('orders');
  const fetcher = subgraphFetcher({ subgraph: 'orders', secret: 's'.repeat(32), timeoutMs: 300, breaker, log });
  const response = await (fetcher as unknown as (u: string, i: object) => Promise<Response>)(url, { body });
  const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return json.errors?.[0]?.extensions?.code;
}

/** A port nobody listens on: taken from the kernel, then given back. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('what the gateway tells a client when a subgraph gives no answer', () => {
  const hangs: Answer = () => {};
  const resets: Answer = (request) => request.socket.destroy();
  const fails: Answer = (_request, response) => response.writeHead(502).end('bad gateway');

  it('says OUTCOME_UNKNOWN for a mutation sent to a subgraph that never answered', async () => {
    expect(await codeOf(await subgraph(hangs), MUTATION)).toBe('OUTCOME_UNKNOWN');
  });

  it('says OUTCOME_UNKNOWN for a mutation whose connection was cut after it was sent', async () => {
    expect(await codeOf(await subgraph(resets), MUTATION)).toBe('OUTCOME_UNKNOWN');
  });

  it('says OUTCOME_UNKNOWN for a mutation answered by a 5xx with no GraphQL body', async () => {
    expect(await codeOf(await subgraph(fails), MUTATION)).toBe('OUTCOME_UNKNOWN');
  });

  it('keeps SUBGRAPH_UNAVAILABLE for a query, which changed nothing either way', async () => {
    expect(await codeOf(await subgraph(hangs), QUERY)).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('keeps SUBGRAPH_UNAVAILABLE for a mutation that could not connect at all', async () => {
    expect(await codeOf(`http://127.0.0.1:${await closedPort()}/graphql`, MUTATION)).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('keeps SUBGRAPH_UNAVAILABLE for a mutation refused by an open breaker', async () => {
    const url = await subgraph(fails);
    const breaker = createSubgraphBreakers({ log, failureThreshold: 1, halfOpenAfterMs: 60_000 }).of('orders');
    const fetcher = subgraphFetcher({ subgraph: 'orders', secret: 's'.repeat(32), timeoutMs: 300, breaker, log });
    const call = fetcher as unknown as (u: string, i: object) => Promise<Response>;
    const code = async () =>
      ((await (await call(url, { body: MUTATION })).json()) as { errors: { extensions: { code: string } }[] }).errors[0]
        ?.extensions.code;
    expect(await code()).toBe('OUTCOME_UNKNOWN');
    expect(await code()).toBe('SUBGRAPH_UNAVAILABLE');
  });
});
