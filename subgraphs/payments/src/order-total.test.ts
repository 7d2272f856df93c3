import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shopgraph/service-kit/app-error';
import type { Identity } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import type { PaymentsContext } from './adapters/graphql/context';
import type { Payment } from './domain/payment';
import { createPaymentsSubgraph } from './subgraph';
import { InMemoryPaymentRepository } from './testing/in-memory-payment-repository';
import { aPayment } from './testing/payment-mother';

// payments' schema as the README's @override walkthrough edits it (the same two sed edits)
const movedSdl = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')
  .replace('"@shareable"]', '"@shareable", "@override"]')
  .replace(
    '  payment: Payment @sharedAnswer(roles: ["ADMIN"])\n}',
    '  payment: Payment @sharedAnswer(roles: ["ADMIN"])\n  total: Money @override(from: "orders")\n}',
  );
const ORDER_TOTALS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Order { id total { amount currency } } }
}`;

async function totals(options: { stored: readonly Payment[]; as: Identity; orderIds: readonly string[] }) {
  const payments = new InMemoryPaymentRepository(options.stored);
  const { typeDefs, resolvers, createContext } = createPaymentsSubgraph({ payments, typeDefs: parse(movedSdl) });
  const refusals: string[] = [];
  const server = new ApolloServer<PaymentsContext>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    // the domain refusal under GraphQL's wrapping (duck-typed, as subgraph.test.ts explains)
    formatError: (formatted, error) => {
      const cause = (error as { originalError?: unknown }).originalError;
      refusals.push(cause instanceof AppError ? cause.kind : 'unexpected');
      return formatted;
    },
  });
  const representations = options.orderIds.map((id) => ({ __typename: 'Order', id }));
  const response = await server.executeOperation(
    { query: ORDER_TOTALS, variables: { representations } },
    { contextValue: createContext({ identity: options.as, requestId: 'test' }) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { data: response.body.singleResult.data?.['_entities'], refusals };
}

describe('Order.total, once payments takes it over with @override', () => {
  const owner = newId();
  const customer: Identity = { kind: 'user', userId: owner, role: 'CUSTOMER' };

  it("is the amount payments charges for the order, or null before payments opened the order's payment", async () => {
    const paid = aPayment({ customerId: owner, amount: { amount: 4_250, currency: 'EUR' } });
    const unpriced = newId();
    const result = await totals({ stored: [paid], as: customer, orderIds: [paid.orderId, unpriced] });
    expect(result.refusals).toEqual([]);
    expect(result.data).toEqual([
      { id: paid.orderId, total: { amount: 4_250, currency: 'EUR' } },
      { id: unpriced, total: null },
    ]);
  });

  it("refuses another customer the total, as it refuses them the order's payment", async () => {
    const paid = aPayment({ customerId: owner });
    const stranger: Identity = { kind: 'user', userId: newId(), role: 'CUSTOMER' };
    const result = await totals({ stored: [paid], as: stranger, orderIds: [paid.orderId] });
    expect(result.refusals).toEqual(['forbidden']);
    expect(result.data).toEqual([{ id: paid.orderId, total: null }]);
  });

  it('is not in the committed schema: orders owns the field until payments declares the override', () => {
    const { typeDefs } = createPaymentsSubgraph({ payments: new InMemoryPaymentRepository([]) });
    const schema = buildSubgraphSchema([{ typeDefs }]);
    expect(schema.getType('Order')?.toConfig()).not.toHaveProperty('fields.total');
  });
});
