import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { SagaProbe, createProduct, firstCode, placeOrder, placeOrderPatiently } from '../testing/saga-probe';

// tok_slow answers after 6 s, the payment gives up after 3 s: the late capture is refunded. The
// timeout is far above what a tok_visa charge takes even on a machine loaded 5× its cores, so a
// busy machine never turns a good card into payment_timeout.
// The gateway waits as long as it may (2 min) for a subgraph: 1,000 orders at once on a loaded
// machine take longer than the 10 s default, and these tests are about the saga, not timeouts.
const SAGA_ENV = { PAYMENT_TIMEOUT_MS: '3000', SIMULATED_PROCESSOR_SLOW_MS: '6000', SUBGRAPH_TIMEOUT_MS: '120000' };
/** Bounds against hanging, never what a test measures: a loaded 2-core machine is slow. */
const SETTLE_TIMEOUT = 120_000;
const CONTENTION_TIMEOUT = 900_000;

describe('the order saga on the Postgres bus (npm start)', () => {
  let shop: TestStack;
  let probe: SagaProbe;
  let customer: string;
  let admin: string;
  const key = () => crypto.randomUUID();

  beforeAll(async () => {
    shop = await startTestStack(SAGA_ENV);
    probe = new SagaProbe(shop.databases);
    [customer, admin] = await Promise.all([logInAsCustomer(shop.url), logInAsAdmin(shop.url)]);
  });
  afterAll(async () => {
    await probe.close();
    await shop.stop();
  });

  it(
    'sells exactly the 10 units in stock to 1,000 concurrent single-unit orders',
    async () => {
      const productId = await createProduct(shop.url, admin, { stock: 10 });
      const began = performance.now();
      // a placement the gateway timed out on is sent again with its key, as a client would
      const placements = await Promise.all(
        Array.from({ length: 1_000 }, () =>
          placeOrderPatiently(
            { url: shop.url, token: customer },
            { items: [{ productId, quantity: 1 }], paymentToken: 'tok_visa', idempotencyKey: key() },
          ),
        ),
      );
      const placed = performance.now();
      expect(placements.filter((placement) => !placement.order).map((placement) => placement.codes)).toEqual([]);
      const ids = placements.map((placement) => placement.order?.id ?? '');
      // an answer to a first call is the new order; a replay may already show its later status
      const firstAnswers = placements.filter((placement) => placement.attempts === 1);
      expect(new Set(firstAnswers.map((placement) => placement.order?.status))).toEqual(new Set(['PENDING']));
      const outcome = await probe.settle(ids, CONTENTION_TIMEOUT / 2);
      const settled = performance.now();
      console.info(
        `1,000 concurrent orders: placed in ${((placed - began) / 1000).toFixed(1)} s, settled ${((settled - began) / 1000).toFixed(1)} s after the first request`,
      );
      expect(outcome).toEqual({ CONFIRMED: 10, 'CANCELLED:out_of_stock': 990 });
      expect(await probe.ledger(productId)).toEqual({ received: 10, available: 0, reserved: 0, sold: 10 });
      expect(await probe.charges(ids)).toEqual({ captured: 10 });
    },
    CONTENTION_TIMEOUT,
  );

  it('makes one order and one charge of 50 concurrent placeOrder calls with one idempotency key', async () => {
    const productId = await createProduct(shop.url, admin, { stock: 5 });
    const input = { items: [{ productId, quantity: 2 }], paymentToken: 'tok_visa', idempotencyKey: key() };
    // a call the gateway timed out on is sent again with the key: it must still be the one order
    const placements = await Promise.all(
      Array.from({ length: 50 }, () => placeOrderPatiently({ url: shop.url, token: customer }, input)),
    );
    const ids = new Set(placements.map((placement) => placement.order?.id));
    expect(ids.size).toBe(1);
    const [orderId = ''] = ids;
    expect(await probe.settle([orderId])).toEqual({ CONFIRMED: 1 });
    expect(await probe.charges([orderId])).toEqual({ captured: 1 });
    // products hears of the confirmation after orders recorded it: wait for it, then check all of it
    await waitFor(async () => (await probe.ledger(productId)).sold === 2, { what: 'the reservation to be sold' });
    expect(await probe.ledger(productId)).toEqual({ received: 5, available: 3, reserved: 0, sold: 2 });
  });

  it('refuses the same idempotency key with a different payload as a CONFLICT', async () => {
    const productId = await createProduct(shop.url, admin, { stock: 5 });
    const idempotencyKey = key();
    const first = await placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 1 }],
      paymentToken: 'tok_visa',
      idempotencyKey,
    });
    const second = await placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 2 }],
      paymentToken: 'tok_visa',
      idempotencyKey,
    });
    expect(first.data?.placeOrder.status).toBe('PENDING');
    expect(firstCode(second)).toBe('CONFLICT');
  });

  it('cancels an order whose card is declined, fails its payment and gives the stock back', async () => {
    const productId = await createProduct(shop.url, admin, { stock: 4 });
    const response = await placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 3 }],
      paymentToken: 'tok_chargeDeclined',
      idempotencyKey: key(),
    });
    const orderId = response.data?.placeOrder.id ?? '';
    expect(await probe.settle([orderId])).toEqual({ 'CANCELLED:card_declined': 1 });
    expect(await probe.paymentOf(orderId)).toEqual({ status: 'FAILED', failureReason: 'card_declined' });
    await waitFor(async () => (await probe.ledger(productId)).available === 4, {
      what: 'the stock to come back',
      timeout: SETTLE_TIMEOUT,
    });
    expect(await probe.ledger(productId)).toEqual({ received: 4, available: 4, reserved: 0, sold: 0 });
    expect(await probe.charges([orderId])).toEqual({ declined: 1 });
  });

  it('cancels an order whose payment times out, releases its stock and refunds the late capture', async () => {
    const productId = await createProduct(shop.url, admin, { stock: 2 });
    const response = await placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 1 }],
      paymentToken: 'tok_slow',
      idempotencyKey: key(),
    });
    const orderId = response.data?.placeOrder.id ?? '';
    expect(await probe.settle([orderId])).toEqual({ 'CANCELLED:payment_timeout': 1 });
    await waitFor(async () => (await probe.ledger(productId)).available === 2, {
      what: 'the stock to come back',
      timeout: SETTLE_TIMEOUT,
    });
    await waitFor(async () => (await probe.charges([orderId]))['refunded'] === 1, {
      what: 'the late capture to be refunded',
      timeout: SETTLE_TIMEOUT,
    });
    await waitFor(async () => (await probe.paymentOf(orderId))?.status === 'REFUNDED', {
      what: 'the payment REFUNDED',
      timeout: SETTLE_TIMEOUT,
    });
    expect(await probe.charges([orderId])).toEqual({ refunded: 1 });
  });

  it('lets the customer cancel an order before it is paid, and gives its stock back', async () => {
    const productId = await createProduct(shop.url, admin, { stock: 3 });
    const response = await placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 1 }],
      paymentToken: 'tok_slow',
      idempotencyKey: key(),
    });
    const orderId = response.data?.placeOrder.id ?? '';
    const cancelled = await graphql<{ cancelOrder: { status: string; cancellationReason: string } }>(shop.url, {
      query: 'mutation ($id: ID!) { cancelOrder(id: $id) { status cancellationReason } }',
      variables: { id: orderId },
      token: customer,
    });
    expect(cancelled.data?.cancelOrder).toEqual({ status: 'CANCELLED', cancellationReason: 'cancelled_by_customer' });
    // not "available is 3 again": it is 3 too before products has reserved anything for the order
    await waitFor(() => probe.productsHeardCancellation(orderId), {
      what: 'products to hear of the cancellation',
      timeout: SETTLE_TIMEOUT,
    });
    expect(await probe.ledger(productId)).toEqual({ received: 3, available: 3, reserved: 0, sold: 0 });
    // either payments closed the request before charging (no charge, ever), or it had opened a
    // payment: then the slow charge lands after the cancellation and must be refunded, never kept
    const opened = async () => (await probe.paymentOf(orderId)) !== undefined;
    await waitFor(async () => (await opened()) || (await probe.paymentRequestClosed(orderId)), {
      what: 'payments to learn of the cancellation',
      timeout: SETTLE_TIMEOUT,
    });
    if (await opened()) {
      await waitFor(async () => (await probe.charges([orderId]))['refunded'] === 1, {
        what: 'the late capture to be refunded',
        timeout: SETTLE_TIMEOUT,
      });
    }
    expect((await probe.charges([orderId]))['captured']).toBeUndefined();
  });

  it('refuses to cancel a confirmed order with CONFLICT', async () => {
    const productId = await createProduct(shop.url, admin, { stock: 1 });
    const response = await placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 1 }],
      paymentToken: 'tok_visa',
      idempotencyKey: key(),
    });
    const orderId = response.data?.placeOrder.id ?? '';
    expect(await probe.settle([orderId])).toEqual({ CONFIRMED: 1 });
    const cancelled = await graphql(shop.url, {
      query: 'mutation ($id: ID!) { cancelOrder(id: $id) { status } }',
      variables: { id: orderId },
      token: customer,
    });
    expect(firstCode(cancelled)).toBe('CONFLICT');
  });

  describe('refuses bad input with BAD_USER_INPUT and creates nothing', () => {
    const anId = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
    const line = { productId: anId, quantity: 1 };
    const cases: [string, Record<string, unknown>][] = [
      ['no items', { items: [] }],
      ['51 items', { items: Array.from({ length: 51 }, () => ({ productId: crypto.randomUUID(), quantity: 1 })) }],
      ['a quantity of 0', { items: [{ ...line, quantity: 0 }] }],
      ['a quantity of 101', { items: [{ ...line, quantity: 101 }] }],
      ['a negative quantity', { items: [{ ...line, quantity: -3 }] }],
      ['one product twice', { items: [line, line] }],
      ['a malformed product ID', { items: [{ ...line, productId: 'not-an-id' }] }],
      ['an unknown payment token', { paymentToken: 'tok_stolen' }],
      ['an empty payment token', { paymentToken: '' }],
      ['an empty idempotency key', { idempotencyKey: '' }],
      ['an idempotency key of 101 characters', { idempotencyKey: 'k'.repeat(101) }],
    ];
    it.each(cases)('%s', async (_, change) => {
      const before = await Promise.all([probe.countRows('orders', 'orders'), probe.countRows('orders', 'outbox')]);
      const input = { items: [line], paymentToken: 'tok_visa', idempotencyKey: key(), ...change };
      const response = await graphql(shop.url, {
        query: 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
        variables: { input },
        token: customer,
      });
      expect(firstCode(response)).toBe('BAD_USER_INPUT');
      expect(response.data?.placeOrder ?? null).toBeNull();
      const after = await Promise.all([probe.countRows('orders', 'orders'), probe.countRows('orders', 'outbox')]);
      expect(after).toEqual(before);
    });

    it('refuses an anonymous placeOrder with UNAUTHENTICATED', async () => {
      const response = await graphql(shop.url, {
        query: 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
        variables: { input: { items: [line], paymentToken: 'tok_visa', idempotencyKey: key() } },
      });
      expect(firstCode(response)).toBe('UNAUTHENTICATED');
    });
  });
});
