import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { AppError } from '@shopgraph/service-kit/app-error';
import type { Identity } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { InMemoryOrderRepository } from './adapters/memory/in-memory-order-repository';
import { InMemoryOrderStore } from './adapters/memory/in-memory-order-store';
import { noOrderEvents } from './testing/no-order-events';
import { aLine, anOrder, anUnpricedOrder } from './testing/order-mother';
import { createOrdersSubgraph } from './subgraph';

const owner = newId();
const customer: Identity = { kind: 'user', userId: owner, role: 'CUSTOMER' };
const productId = newId();
const priced = anOrder({
  customerId: owner,
  lines: [aLine({ productId, quantity: 3, unitPrice: { amount: 1_999, currency: 'EUR' } })],
  total: { amount: 5_997, currency: 'EUR' },
});
const unpriced = anUnpricedOrder({ customerId: owner, createdAt: new Date('2026-01-01T00:00:00.000Z') });
const strangers = anOrder();

// Under vitest, `import 'graphql'` loads graphql's ESM build while Apollo loads the CommonJS
// one, so nothing here touches graphql directly: Apollo executes, and its own
// unwrapResolverError finds the refusal a resolver threw.
const refusalKind = (error: unknown) => {
  const original = unwrapResolverError(error);
  return original instanceof AppError ? original.kind : 'unexpected';
};

/** The orders the operations see; one shop may serve several operations. */
function aShop() {
  const repository = new InMemoryOrderRepository([priced, unpriced, strangers]);
  return { repository, store: new InMemoryOrderStore(repository) };
}

/** Runs one operation as `identity` through the subgraph's real schema and resolvers, no network. */
async function run(
  query: string,
  variables: Record<string, unknown>,
  { identity = customer, shop = aShop() }: { identity?: Identity; shop?: ReturnType<typeof aShop> } = {},
) {
  const { repository, store } = shop;
  const { typeDefs, resolvers, createContext } = createOrdersSubgraph({
    orders: repository,
    store,
    events: noOrderEvents,
  });
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    formatError: (formatted, error) => ({ ...formatted, extensions: { code: refusalKind(error) } }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const contextValue = createContext({ identity, requestId: 'test' });
  const response = await server.executeOperation({ query, variables }, { contextValue });
  await server.stop();
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors = [] } = response.body.singleResult;
  const codes = errors.map((error) => error.extensions?.['code']);
  return { data, codes, messages: errors.map((error) => error.message), batches: repository.batches };
}

const ORDER = `query ($id: ID!) { order(id: $id) {
  id status total { amount currency } customer { id } createdAt
  items { product { id } quantity unitPrice { amount } lineTotal { amount currency } } } }`;

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Order { id } ... on User { id } } }`;

const USER_ORDERS = `query ($representations: [_Any!]!, $after: String) { _entities(representations: $representations) {
  ... on User { orders(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } } }`;

interface Connection {
  readonly totalCount: number;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly edges: readonly { readonly cursor: string; readonly node: { readonly id: string } }[];
}

describe('the orders subgraph', () => {
  it('shows an order with its line totals, its total and references for users and products', async () => {
    const { data } = await run(ORDER, { id: priced.id });
    expect(data?.['order']).toEqual({
      id: priced.id,
      status: 'CONFIRMED',
      total: { amount: 5_997, currency: 'EUR' },
      customer: { id: owner },
      createdAt: priced.createdAt.toISOString(),
      items: [
        {
          product: { id: productId },
          quantity: 3,
          unitPrice: { amount: 1_999 },
          lineTotal: { amount: 5_997, currency: 'EUR' },
        },
      ],
    });
  });

  it('shows null prices and totals for an order not priced yet', async () => {
    const { data } = await run(ORDER, { id: unpriced.id });
    expect(data?.['order']).toMatchObject({ total: null, items: [{ quantity: 3, unitPrice: null, lineTotal: null }] });
  });

  it("answers another customer's order with FORBIDDEN and an unknown one with null", async () => {
    expect((await run(ORDER, { id: strangers.id })).codes).toEqual(['forbidden']);
    const unknown = await run(ORDER, { id: newId() });
    expect(unknown).toMatchObject({ data: { order: null }, codes: [] });
  });

  it('resolves many order references with one repository call', async () => {
    const representations = [priced, unpriced].map(({ id }) => ({ __typename: 'Order', id }));
    const { data, batches } = await run(ENTITIES, { representations });
    expect(data?.['_entities']).toEqual([{ id: priced.id }, { id: unpriced.id }]);
    expect(batches).toHaveLength(1);
  });

  it("refuses a reference to another customer's order and resolves a malformed one to null", async () => {
    const forbidden = await run(ENTITIES, { representations: [{ __typename: 'Order', id: strangers.id }] });
    expect(forbidden.codes).toEqual(['forbidden']);
    const malformed = await run(ENTITIES, { representations: [{ __typename: 'Order', id: 'nope' }] });
    expect(malformed).toMatchObject({ data: { _entities: [null] }, codes: [] });
  });

  it("pages a user's orders as a connection whose end cursor continues the list", async () => {
    const representations = [{ __typename: 'User', id: owner }];
    const page = async (after: string | null) => {
      const { data } = await run(USER_ORDERS, { representations, after });
      return (data?.['_entities'] as [{ orders: Connection }])[0].orders;
    };
    const first = await page(null);
    expect(first).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { id: priced.id } }],
    });
    expect(first.pageInfo.endCursor).toBe(first.edges[0]?.cursor);
    const second = await page(first.pageInfo.endCursor);
    expect(second).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: unpriced.id } }] });
  });

  it("refuses another user's orders with FORBIDDEN", async () => {
    const representations = [{ __typename: 'User', id: newId() }];
    expect((await run(USER_ORDERS, { representations, after: null })).codes).toEqual(['forbidden']);
  });

  describe('placeOrder', () => {
    const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) {
      id status total { amount } customer { id } items { product { id } quantity unitPrice { amount } } } }`;
    const input = (overrides: Record<string, unknown> = {}) => ({
      items: [{ productId, quantity: 2 }],
      paymentToken: 'tok_visa',
      idempotencyKey: 'attempt-1',
      ...overrides,
    });

    it('places a PENDING, unpriced order for the signed-in customer and publishes order.placed', async () => {
      const shop = aShop();
      const { data, codes } = await run(PLACE, { input: input() }, { shop });
      expect(codes).toEqual([]);
      const placed = data?.['placeOrder'] as { id: string };
      expect(placed).toMatchObject({
        status: 'PENDING',
        total: null,
        customer: { id: owner },
        items: [{ product: { id: productId }, quantity: 2, unitPrice: null }],
      });
      expect(shop.store.outbox.map((event) => [event.type, event.aggregateId])).toEqual([['order.placed', placed.id]]);
      expect(shop.store.log.map((entry) => [entry.type, entry.orderId])).toEqual([['PLACED', placed.id]]);
    });

    it('returns the same order for a retry with the same key and refuses a different payload as CONFLICT', async () => {
      const shop = aShop();
      const first = await run(PLACE, { input: input() }, { shop });
      const retry = await run(PLACE, { input: input() }, { shop });
      expect((retry.data?.['placeOrder'] as { id: string }).id).toBe((first.data?.['placeOrder'] as { id: string }).id);
      const changed = await run(PLACE, { input: input({ paymentToken: 'tok_slow' }) }, { shop });
      expect(changed.codes).toEqual(['conflict']);
      expect(shop.store.outbox).toHaveLength(1);
    });

    it('refuses an anonymous caller before looking at the input', async () => {
      const { codes } = await run(PLACE, { input: input({ items: [] }) }, { identity: { kind: 'anonymous' } });
      expect(codes).toEqual(['unauthenticated']);
    });

    it('refuses bad input as invalid, naming the field, and writes nothing', async () => {
      const shop = aShop();
      const bad = input({ items: [{ productId, quantity: 101 }] });
      expect(await run(PLACE, { input: bad }, { shop })).toMatchObject({
        codes: ['invalid'],
        messages: [expect.stringMatching(/^items\[0\]\.quantity/)],
      });
      expect([shop.store.outbox.length, shop.store.log.length]).toEqual([0, 0]);
    });
  });

  describe('cancelOrder', () => {
    const CANCEL = 'mutation ($id: ID!) { cancelOrder(id: $id) { id status cancellationReason } }';

    it("cancels its customer's order that is not paid yet, and publishes order.cancelled", async () => {
      const shop = aShop();
      const { data } = await run(CANCEL, { id: unpriced.id }, { shop });
      expect(data?.['cancelOrder']).toEqual({
        id: unpriced.id,
        status: 'CANCELLED',
        cancellationReason: 'cancelled_by_customer',
      });
      expect(shop.store.outbox.map((event) => event.type)).toEqual(['order.cancelled']);
    });

    it("refuses another customer's order with FORBIDDEN, an unknown one with NOT_FOUND, a confirmed one with CONFLICT", async () => {
      expect((await run(CANCEL, { id: strangers.id })).codes).toEqual(['forbidden']);
      expect((await run(CANCEL, { id: newId() })).codes).toEqual(['not_found']);
      expect((await run(CANCEL, { id: priced.id })).codes).toEqual(['conflict']);
    });
  });
});
