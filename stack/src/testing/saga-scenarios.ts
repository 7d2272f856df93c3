import { expect } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { createProduct, placeOrder } from './saga-probe';
import type { PlaceOrderInput, SagaProbe } from './saga-probe';

export interface ShopSession {
  readonly url: string;
  readonly customer: string;
  readonly admin: string;
  readonly probe: SagaProbe;
}

/**
 * Places `input` until the gateway answers with the order: a placeOrder whose service died
 * before it answered is retried with the same idempotency key, as a client would.
 */
export async function placeUntilAnswered(session: ShopSession, input: PlaceOrderInput): Promise<string> {
  let orderId: string | undefined;
  await waitFor(
    async () => {
      const response = await placeOrder(session.url, session.customer, input).catch(() => undefined);
      orderId = response?.data?.placeOrder.id;
      return orderId !== undefined;
    },
    { what: 'placeOrder to answer', timeout: 120_000, interval: 200 },
  );
  return orderId ?? '';
}

/** A product with `stock` units and an order for one unit paid with tok_visa; returns both IDs. */
export async function orderOneUnit(session: ShopSession, stock = 5) {
  const productId = await createProduct(session.url, session.admin, { stock });
  const input = { items: [{ productId, quantity: 1 }], paymentToken: 'tok_visa', idempotencyKey: crypto.randomUUID() };
  return { productId, input };
}

/**
 * What every crash must leave behind once the saga has settled: the order confirmed once,
 * one unit sold, the ledger balanced, one capture, and each service's event written once.
 */
export async function expectConfirmedExactlyOnce(
  session: ShopSession,
  order: { orderId: string; productId: string; stock: number },
) {
  const { probe } = session;
  const { orderId, productId, stock } = order;
  expect(await probe.settle([orderId])).toEqual({ CONFIRMED: 1 });
  // the confirmation reaches products after the order is CONFIRMED
  await waitFor(async () => (await probe.ledger(productId)).reserved === 0, { what: 'the reservation to be sold' });
  expect(await probe.ledger(productId)).toEqual({ received: stock, available: stock - 1, reserved: 0, sold: 1 });
  expect(await probe.charges([orderId])).toEqual({ captured: 1 });
  expect(await probe.outboxTypes('orders', [orderId])).toEqual({
    'order.placed': 1,
    'order.confirmed': 1,
    // PLACED, STOCK_RESERVED, PAYMENT_CAPTURED, CONFIRMED: one live announcement per log entry
    'order.event-recorded': 4,
  });
  expect(await probe.outboxTypes('products', [orderId])).toEqual({ 'stock.reserved': 1 });
  expect(await probe.outboxTypes('payments', [orderId])).toEqual({ 'payment.captured': 1 });
}
