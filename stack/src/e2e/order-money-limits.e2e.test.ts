import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { SagaProbe, createProduct, placeOrder } from '../testing/saga-probe';

// Issue 9, finding 5 (decision 0022): 22 units at 100,000,000 minor units once overflowed the
// 32-bit columns, dead-lettered the saga's events and left the order PENDING with its stock held.

const ORDER = `query Order($id: ID!) {
  order(id: $id) {
    status cancellationReason total { amount currency }
    items { quantity unitPrice { amount currency } lineTotal { amount currency } }
  }
}`;

interface OrderView {
  readonly status: string;
  readonly cancellationReason: string | null;
  readonly total: { readonly amount: number; readonly currency: string } | null;
  readonly items: readonly { readonly lineTotal: { readonly amount: number } | null }[];
}

describe('money limits through the gateway (npm start)', () => {
  let shop: TestStack;
  let probe: SagaProbe;
  let customer: string;
  let admin: string;
  const readOrder = (id: string) =>
    graphql<{ order: OrderView }>(shop.url, { query: ORDER, variables: { id }, token: customer });

  async function paymentRequestState(orderId: string): Promise<string | undefined> {
    const payments = new pg.Client({ connectionString: shop.databases.payments });
    await payments.connect();
    try {
      const { rows } = await payments.query<{ state: string }>(
        'select state::text from payment_requests where order_id = $1',
        [orderId],
      );
      return rows[0]?.state;
    } finally {
      await payments.end();
    }
  }

  beforeAll(async () => {
    shop = await startTestStack();
    probe = new SagaProbe(shop.databases);
    [customer, admin] = await Promise.all([logInAsCustomer(shop.url), logInAsAdmin(shop.url)]);
  });
  afterAll(async () => {
    await probe.close();
    await shop.stop();
  });

  it('cancels 22 units at 100,000,000 with total_over_limit, holding no stock, charging nothing, dead-lettering nothing', async () => {
    const productId = await createProduct(shop.url, admin, { stock: 30, price: 100_000_000 });
    const placed = await placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 22 }],
      paymentToken: 'tok_visa',
      idempotencyKey: crypto.randomUUID(),
    });
    const orderId = placed.data?.placeOrder.id ?? `missing: ${JSON.stringify(placed.errors)}`;
    expect(await probe.settle([orderId])).toEqual({ 'CANCELLED:total_over_limit': 1 });
    const { data } = await readOrder(orderId);
    expect(data?.order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'total_over_limit', total: null });
    expect(await probe.ledger(productId)).toEqual({ received: 30, available: 30, reserved: 0, sold: 0 });
    expect(await probe.charges([orderId])).toEqual({});
    expect(await probe.paymentOf(orderId)).toBeUndefined();
    expect(await probe.outboxTypes('products', [orderId])).toEqual({ 'stock.rejected': 1 });
    // payments read the v2 rejection too (an unreadable version would have been dead-lettered)
    await waitFor(async () => (await paymentRequestState(orderId)) === 'closed', {
      what: 'the payment request closed',
    });
    expect(await shop.stack.bus?.deadLetters()).toEqual([]);
  });

  it('confirms an order whose total is exactly the maximum, 99,999,999, and charges that amount', async () => {
    const productId = await createProduct(shop.url, admin, { stock: 1, price: 99_999_999 });
    const placed = await placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 1 }],
      paymentToken: 'tok_visa',
      idempotencyKey: crypto.randomUUID(),
    });
    const orderId = placed.data?.placeOrder.id ?? 'missing';
    expect(await probe.settle([orderId])).toEqual({ CONFIRMED: 1 });
    expect((await readOrder(orderId)).data?.order.total).toEqual({ amount: 99_999_999, currency: 'EUR' });
    expect(await probe.charges([orderId])).toEqual({ captured: 1 });
  });

  it('returns an amount stored beyond 32 bits as the same JSON number, exactly, up to 2^53 − 1', async () => {
    // no order over the maximum can be placed, so the amount is written behind the graph, as
    // data from before the limit (or a later, higher limit) would be
    const productId = await createProduct(shop.url, admin, { stock: 1 });
    const me = await graphql<{ me: { id: string } }>(shop.url, { query: '{ me { id } }', token: customer });
    const orderId = crypto.randomUUID();
    const max = Number.MAX_SAFE_INTEGER;
    const orders = new pg.Client({ connectionString: shop.databases.orders });
    await orders.connect();
    try {
      await orders.query(
        `insert into orders (id, customer_id, status, cancellation_reason, total_amount, currency, updated_at)
         values ($1, $2, 'CANCELLED', 'card_declined', $3, 'EUR', now())`,
        [orderId, me.data?.me.id, String(max)],
      );
      await orders.query(
        `insert into order_items (order_id, position, product_id, quantity, unit_price, currency)
         values ($1, 0, $2, 1, $3, 'EUR')`,
        [orderId, productId, String(max)],
      );
    } finally {
      await orders.end();
    }
    const response = await fetch(shop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${customer}` },
      body: JSON.stringify({ query: ORDER, variables: { id: orderId } }),
    });
    const body = await response.text();
    expect(body).toContain(`"total":{"amount":${max},"currency":"EUR"}`);
    const { data } = JSON.parse(body) as { data: { order: OrderView } };
    expect(data.order.total?.amount).toBe(max);
    expect(data.order.items[0]?.lineTotal?.amount).toBe(max);
  });
});
