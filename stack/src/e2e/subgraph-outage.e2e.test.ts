import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { SEED_ORDERS } from '@shopgraph/seed-data/fixture';
import { graphql, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import type { GraphQLResponse } from '@shopgraph/test-kit/graphql-client';
import { createSeededDatabases } from '@shopgraph/test-kit/seeded-databases';
import { startPartialOutageStack } from '../testing/partial-outage-stack';
import type { PartialOutageStack } from '../testing/partial-outage-stack';

/** Fresh seeded databases and the outage stack on them; stopping drops the databases too. */
async function startShop(gatewayEnv: Record<string, string>): Promise<PartialOutageStack> {
  const databases = await createSeededDatabases();
  const shop = await startPartialOutageStack({ databases: databases.urls, gatewayEnv });
  return { ...shop, stop: () => shop.stop().then(databases.drop) };
}

const MY_ORDERS = '{ me { name orders { edges { node { id status payment { status } } } } } }';
type MyOrders = {
  me: { name: string; orders: { edges: { node: { id: string; payment: { status: string } | null } }[] } };
};

const paymentsOf = (response: GraphQLResponse<MyOrders>) =>
  response.data?.me.orders.edges.map((edge) => edge.node.payment);
const unavailable = (response: GraphQLResponse<MyOrders>) =>
  (response.errors ?? []).filter((error) => error.extensions?.['code'] === 'SUBGRAPH_UNAVAILABLE');

/** Asks until an answer satisfies `done`, and returns that answer. */
async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  await waitFor(async () => done((last = await probe())), { what, timeout: 60_000, interval: 100 });
  return last as T;
}

describe('a subgraph that dies under load', () => {
  let shop: PartialOutageStack;
  let token: string;
  const ask = () => graphql<MyOrders>(shop.url, { query: MY_ORDERS, token });
  const ready = async () =>
    (await fetch(new URL('/ready', shop.url))).json() as Promise<{ breakers: Record<string, string> }>;

  beforeAll(async () => {
    // the breaker stays open 3 s before probing: long enough to watch it refuse without dialling
    shop = await startShop({ BREAKER_FAILURE_THRESHOLD: '3', BREAKER_HALF_OPEN_AFTER_MS: '3000' });
    token = await logInAsCustomer(shop.url);
  });
  afterAll(() => shop.stop());

  it('answers in full while payments is up', async () => {
    const response = await ask();
    expect(response.errors).toBeUndefined();
    expect(paymentsOf(response)).toEqual(SEED_ORDERS.map(() => ({ status: 'CAPTURED' })));
  });

  it('keeps answering with partial data, opens the breaker, and is whole again after a restart', async () => {
    let load = true;
    const answers: GraphQLResponse<MyOrders>[] = [];
    const worker = async () => {
      while (load) answers.push(await ask());
    };
    const workers = [worker(), worker(), worker()];
    try {
      await shop.killPayments();
      const partial = await until(ask, (r) => unavailable(r).length > 0, 'a partial answer');
      expect(partial.status).toBe(200);
      expect(partial.data?.me.name).toBe('Demo Customer');
      expect(paymentsOf(partial)).toEqual(SEED_ORDERS.map(() => null));
      expect(unavailable(partial)[0]?.path).toEqual(['me', 'orders', 'edges', 0, 'node']);

      const open = await until(ready, (r) => r.breakers['payments'] === 'open', 'the payments breaker to open');
      expect(open.breakers['payments']).toBe('open');
      expect((await fetch(new URL('/ready', shop.url))).status).toBe(503);
      // an open breaker answers at once, without dialling the subgraph
      const connectionsBefore = shop.proxy.connections;
      const whileOpen = await ask();
      expect(unavailable(whileOpen).length).toBeGreaterThan(0);
      expect(shop.proxy.connections).toBe(connectionsBefore);

      await shop.restartPayments();
      const whole = await until(ask, (r) => r.errors === undefined, 'a whole answer');
      expect(whole.errors).toBeUndefined();
      expect(paymentsOf(whole)).toEqual(SEED_ORDERS.map(() => ({ status: 'CAPTURED' })));
    } finally {
      load = false;
      await Promise.allSettled(workers);
    }
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.status === 200 && answer.data?.me.name === 'Demo Customer')).toBe(true);
  });
});

describe('a subgraph that is slow', () => {
  let shop: PartialOutageStack;
  let token: string;
  beforeAll(async () => {
    shop = await startShop({ PAYMENTS_TIMEOUT_MS: '300', BREAKER_FAILURE_THRESHOLD: '100' });
    token = await logInAsCustomer(shop.url);
  });
  afterAll(() => shop.stop());

  it('is cut off by its timeout: the answer arrives without it, long before it would have', async () => {
    // 30× the timeout: however slow the machine, an answer that waited for payments would be later
    shop.proxy.delayMs = 10_000;
    const began = Date.now();
    const response = await graphql<MyOrders>(shop.url, { query: MY_ORDERS, token });
    const elapsed = Date.now() - began;
    expect(response.data?.me.name).toBe('Demo Customer');
    expect(unavailable(response).length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(shop.proxy.delayMs);
  });
});
