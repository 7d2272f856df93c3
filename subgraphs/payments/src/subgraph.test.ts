import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shopgraph/service-kit/app-error';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import type { PaymentsContext } from './adapters/graphql/context';
import type { Payment } from './domain/payment';
import { createPaymentsSubgraph } from './subgraph';
import { InMemoryPaymentRepository } from './testing/in-memory-payment-repository';
import { aPayment } from './testing/payment-mother';

const owner = newId();
const customer = (userId: string): Identity => ({ kind: 'user', userId, role: 'CUSTOMER' });
const admin: Identity = { kind: 'user', userId: newId(), role: 'ADMIN' };

const PAYMENT_FIELDS = 'id order { id } amount { amount currency } status failureReason createdAt';
const ORDER_PAYMENTS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Order { id payment { ${PAYMENT_FIELDS} } } }
}`;
const PAYMENTS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Payment { ${PAYMENT_FIELDS} } }
}`;

/**
 * The refusal a resolver threw, under GraphQL's wrapping. Duck-typed on purpose: under
 * vitest, Apollo's errors come from graphql's CJS build and `instanceof GraphQLError`
 * against the ESM build fails (see the report; service-kit's maskError trips on it).
 */
function refusalOf(error: unknown): string {
  let current = error;
  while (!(current instanceof AppError) && current instanceof Error && 'originalError' in current) {
    current = current.originalError;
  }
  return current instanceof AppError ? current.kind : 'unexpected';
}

/** Runs an `_entities` query as the gateway would send it, against an in-memory store. */
async function entities(query: string, options: { stored: readonly Payment[]; as: Identity; refs: object[] }) {
  const repository = new InMemoryPaymentRepository(options.stored);
  const { typeDefs, resolvers, createContext } = createPaymentsSubgraph({ payments: repository });
  const refusals: string[] = [];
  const server = new ApolloServer<PaymentsContext>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    formatError: (formatted, error) => {
      refusals.push(refusalOf(error));
      return formatted;
    },
  });
  const response = await server.executeOperation(
    { query, variables: { representations: options.refs } },
    { contextValue: createContext({ identity: options.as, requestId: 'test' }) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { data: response.body.singleResult.data?.['_entities'], refusals, batches: repository.batches };
}

const orderRef = (id: string) => ({ __typename: 'Order', id });
const paymentRef = (id: string) => ({ __typename: 'Payment', id });

describe('Order.payment', () => {
  const payment = aPayment({ customerId: owner });
  const asked = (as: Identity) =>
    entities(ORDER_PAYMENTS, { stored: [payment], as, refs: [orderRef(payment.orderId)] });

  it("shows the paying customer their order's payment, pointing back to the order", async () => {
    const { data, refusals } = await asked(customer(owner));
    expect(refusals).toEqual([]);
    expect(data).toEqual([
      {
        id: payment.orderId,
        payment: {
          id: payment.id,
          order: { id: payment.orderId },
          amount: { amount: 1_999, currency: 'EUR' },
          status: 'CAPTURED',
          failureReason: null,
          createdAt: '2026-11-22T10:15:00.000Z',
        },
      },
    ]);
  });

  it("shows an ADMIN any customer's payment", async () => {
    const { data, refusals } = await asked(admin);
    expect(refusals).toEqual([]);
    expect(data).toMatchObject([{ payment: { id: payment.id } }]);
  });

  it('refuses another customer with FORBIDDEN and shows nothing of the payment', async () => {
    const { data, refusals } = await asked(customer(newId()));
    expect(refusals).toEqual(['forbidden']);
    expect(data).toEqual([{ id: payment.orderId, payment: null }]);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED before looking anything up', async () => {
    const { refusals, batches } = await asked(ANONYMOUS);
    expect(refusals).toEqual(['unauthenticated']);
    expect(batches).toBe(0);
  });

  it('is null for an order that has no payment yet', async () => {
    const orderId = newId();
    const result = await entities(ORDER_PAYMENTS, { stored: [payment], as: admin, refs: [orderRef(orderId)] });
    expect(result.refusals).toEqual([]);
    expect(result.data).toEqual([{ id: orderId, payment: null }]);
  });

  it('keeps a malformed order reference as it is, with a null payment and no lookup', async () => {
    const result = await entities(ORDER_PAYMENTS, { stored: [payment], as: admin, refs: [orderRef('not-a-uuid')] });
    expect(result.refusals).toEqual([]);
    expect(result.data).toEqual([{ id: 'not-a-uuid', payment: null }]);
    expect(result.batches).toBe(0);
  });

  it('loads the payments of many orders in one batch', async () => {
    const stored = [1, 2, 3].map(() => aPayment({ customerId: owner }));
    const refs = [...stored.map((p) => orderRef(p.orderId)), orderRef(newId())];
    const result = await entities(ORDER_PAYMENTS, { stored, as: customer(owner), refs });
    expect(result.batches).toBe(1);
    expect(result.data).toEqual([
      ...stored.map((p) => ({ id: p.orderId, payment: expect.objectContaining({ id: p.id }) })),
      { id: refs[3]?.id, payment: null },
    ]);
  });
});

describe('Payment reference', () => {
  const payment = aPayment({ customerId: owner, status: 'FAILED', failureReason: 'card_declined' });
  const asked = (as: Identity, id = payment.id) =>
    entities(PAYMENTS, { stored: [payment], as, refs: [paymentRef(id)] });

  it('resolves for the paying customer, failure reason included', async () => {
    const { data, refusals } = await asked(customer(owner));
    expect(refusals).toEqual([]);
    expect(data).toMatchObject([{ id: payment.id, status: 'FAILED', failureReason: 'card_declined' }]);
  });

  it('resolves for an ADMIN', async () => {
    const { data, refusals } = await asked(admin);
    expect(refusals).toEqual([]);
    expect(data).toMatchObject([{ id: payment.id, order: { id: payment.orderId } }]);
  });

  it('refuses another customer with FORBIDDEN', async () => {
    const { data, refusals } = await asked(customer(newId()));
    expect(refusals).toEqual(['forbidden']);
    expect(data).toEqual([null]);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED before looking anything up', async () => {
    const { refusals, batches } = await asked(ANONYMOUS);
    expect(refusals).toEqual(['unauthenticated']);
    expect(batches).toBe(0);
  });

  it('is null for an unknown or malformed ID', async () => {
    expect((await asked(admin, newId())).data).toEqual([null]);
    const malformed = await asked(admin, 'not-a-uuid');
    expect(malformed).toMatchObject({ data: [null], refusals: [], batches: 0 });
  });

  it('finds a payment whatever the case of its ID', async () => {
    const { data } = await asked(admin, payment.id.toUpperCase());
    expect(data).toMatchObject([{ id: payment.id }]);
  });

  it('loads many payments in one batch', async () => {
    const stored = [1, 2, 3].map(() => aPayment({ customerId: owner }));
    const refs = stored.map((p) => paymentRef(p.id));
    const result = await entities(PAYMENTS, { stored, as: customer(owner), refs });
    expect(result.batches).toBe(1);
    expect(result.data).toEqual(stored.map((p) => expect.objectContaining({ id: p.id })));
  });
});
