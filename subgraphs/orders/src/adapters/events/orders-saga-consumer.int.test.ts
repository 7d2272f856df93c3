import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@shopgraph/service-kit/logger';
import { newId } from '@shopgraph/service-kit/ids';
import { cancelOrder } from '../../application/cancel-order';
import { placeOrder } from '../../application/place-order';
import type { Order } from '../../domain/order';
import { expectedRecorded, openOrdersDatabase, traceOf } from '../../testing/orders-database';
import { captured, failed, rejected, reserved } from '../../testing/saga-events';
import type { OrdersDatabase } from '../../testing/orders-database';
import { PgOrderStore } from '../prisma/pg-order-store';
import { ordersSagaHandler } from './orders-saga-consumer';
import type { SagaHandler } from './orders-saga-consumer';

const log = createLogger('orders-saga-test', 'silent');
const customerOf = (order: Order) => ({ kind: 'user', userId: order.customerId, role: 'CUSTOMER' }) as const;

describe('the orders-saga consumer on PostgreSQL', () => {
  let db: OrdersDatabase;
  let handle: SagaHandler;
  let placeAs: ReturnType<typeof placeOrder>;
  let cancelAs: ReturnType<typeof cancelOrder>;
  const warn = vi.spyOn(log, 'warn');

  beforeAll(async () => {
    db = await openOrdersDatabase();
    handle = ordersSagaHandler({ pool: db.pool, log });
    const store = new PgOrderStore(db.pool);
    placeAs = placeOrder({ orders: store });
    cancelAs = cancelOrder({ orders: store });
  });
  afterAll(() => db.close());
  beforeEach(() => warn.mockClear());

  const pendingOrder = () =>
    placeAs(
      { kind: 'user', userId: newId(), role: 'CUSTOMER' },
      {
        items: [
          { productId: newId(), quantity: 3 },
          { productId: newId(), quantity: 1 },
        ],
        paymentToken: 'tok_visa',
        idempotencyKey: newId(),
      },
    );
  const awaitingOrder = async () => {
    const order = await pendingOrder();
    await handle(reserved(order));
    return order;
  };
  const typesOf = async (order: Order) => {
    const trace = await traceOf(db.pool, order.id);
    return { outbox: trace.outbox.map(({ type }) => type), log: trace.log.map(({ type }) => type) };
  };

  describe('stock.reserved', () => {
    it('prices the lines, totals the order and awaits payment; a redelivery changes nothing', async () => {
      const order = await pendingOrder();
      const event = reserved(order);
      expect(await handle(event)).toBe('handled');
      expect(await handle(event)).toBe('skipped');
      const trace = await traceOf(db.pool, order.id);
      expect(trace.order).toMatchObject({ status: 'AWAITING_PAYMENT', total: 3 * 1_000 + 1_001 });
      expect(trace.items.map(({ unitPrice }) => unitPrice)).toEqual([1_000, 1_001]);
      expect(trace.log.map(({ id, type }) => [id, type])).toEqual([
        [trace.outbox[0]?.id, 'PLACED'],
        [event.id, 'STOCK_RESERVED'],
      ]);
      expect(trace.outbox.map(({ type }) => type)).toEqual(['order.placed']);
    });

    it('only logs the reservation of an order the customer cancelled meanwhile', async () => {
      const order = await pendingOrder();
      await cancelAs(customerOf(order), order.id);
      await handle(reserved(order));
      const trace = await traceOf(db.pool, order.id);
      expect(trace.order).toMatchObject({ status: 'CANCELLED', reason: 'cancelled_by_customer', total: null });
      expect(await typesOf(order)).toEqual({
        outbox: ['order.placed', 'order.cancelled'],
        log: ['PLACED', 'CANCELLED', 'STOCK_RESERVED'],
      });
    });
  });

  describe('stock.rejected', () => {
    it('cancels the order with the reason and publishes order.cancelled, once', async () => {
      const order = await pendingOrder();
      const event = rejected(order);
      await handle(event);
      await handle(event);
      const trace = await traceOf(db.pool, order.id);
      expect(trace.order).toMatchObject({ status: 'CANCELLED', reason: 'out_of_stock' });
      expect(trace.outbox.map(({ type, payload }) => [type, payload])).toEqual([
        ['order.placed', expect.anything()],
        ['order.cancelled', { orderId: order.id, reason: 'out_of_stock' }],
      ]);
      expect(trace.log.map(({ id, type }) => [id, type])).toEqual([
        [trace.outbox[0]?.id, 'PLACED'],
        [event.id, 'STOCK_REJECTED'],
        [trace.outbox[1]?.id, 'CANCELLED'],
      ]);
    });
  });

  describe('payment.captured', () => {
    it('confirms an order awaiting payment and publishes order.confirmed, once', async () => {
      const order = await awaitingOrder();
      const pricedAtReservation = (await traceOf(db.pool, order.id)).lineVersions;
      const event = captured(order);
      await handle(event);
      await handle(event);
      const trace = await traceOf(db.pool, order.id);
      expect(trace.order?.status).toBe('CONFIRMED');
      expect(trace.lineVersions).toEqual(pricedAtReservation);
      expect(trace.outbox.map(({ type, payload }) => [type, payload])).toEqual([
        ['order.placed', expect.anything()],
        ['order.confirmed', { orderId: order.id }],
      ]);
      expect(trace.log.map(({ type }) => type)).toEqual(['PLACED', 'STOCK_RESERVED', 'PAYMENT_CAPTURED', 'CONFIRMED']);
      expect(trace.log.slice(2).map(({ id }) => id)).toEqual([event.id, trace.outbox[1]?.id]);
      // the consumer's transaction announced each row it logged, as placeOrder did for PLACED
      expect(trace.recorded).toEqual(expectedRecorded(trace, order.id));
    });

    it('only logs a capture for a CANCELLED order: payments refunds it on its own', async () => {
      const order = await awaitingOrder();
      await cancelAs(customerOf(order), order.id);
      await handle(captured(order));
      expect((await traceOf(db.pool, order.id)).order?.status).toBe('CANCELLED');
      expect(await typesOf(order)).toEqual({
        outbox: ['order.placed', 'order.cancelled'],
        log: ['PLACED', 'STOCK_RESERVED', 'CANCELLED', 'PAYMENT_CAPTURED'],
      });
    });
  });

  describe('payment.failed', () => {
    it('cancels the order with the reason and publishes order.cancelled, once', async () => {
      const order = await awaitingOrder();
      const event = failed(order);
      await handle(event);
      await handle(event);
      const trace = await traceOf(db.pool, order.id);
      expect(trace.order).toMatchObject({ status: 'CANCELLED', reason: 'card_declined' });
      expect(trace.outbox.map(({ type, payload }) => [type, payload])).toEqual([
        ['order.placed', expect.anything()],
        ['order.cancelled', { orderId: order.id, reason: 'card_declined' }],
      ]);
      expect(trace.log.map(({ type }) => type)).toEqual(['PLACED', 'STOCK_RESERVED', 'PAYMENT_FAILED', 'CANCELLED']);
    });

    it('only logs a failure for an order that is CANCELLED already', async () => {
      const order = await awaitingOrder();
      await cancelAs(customerOf(order), order.id);
      await handle(failed(order));
      expect((await traceOf(db.pool, order.id)).order).toMatchObject({ reason: 'cancelled_by_customer' });
      expect(await typesOf(order)).toEqual({
        outbox: ['order.placed', 'order.cancelled'],
        log: ['PLACED', 'STOCK_RESERVED', 'CANCELLED', 'PAYMENT_FAILED'],
      });
    });
  });

  it('acknowledges an event the state machine can never accept with a warning, and changes nothing', async () => {
    const order = await pendingOrder();
    const unpriced = reserved({ ...order, lines: order.lines.slice(1) });
    expect(await handle(unpriced)).toBe('handled');
    expect(warn).toHaveBeenCalledTimes(1);
    expect((await traceOf(db.pool, order.id)).order?.status).toBe('PENDING');
    expect(await typesOf(order)).toEqual({ outbox: ['order.placed'], log: ['PLACED'] });
  });

  it('throws for an unknown order without claiming the event, so a redelivery is handled', async () => {
    const order = await pendingOrder();
    const stranger = { ...order, id: newId() };
    await expect(handle(reserved(stranger))).rejects.toThrow(/unknown order/);
    const { rows } = await db.pool.query('select 1 from processed_events');
    const event = reserved(order);
    const claimsBefore = rows.length;
    expect(await handle(event)).toBe('handled');
    expect((await db.pool.query('select 1 from processed_events')).rows.length).toBe(claimsBefore + 1);
  });

  it('lets a capture and a customer cancellation racing on one order end in exactly one outcome', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const order = await awaitingOrder();
        await Promise.allSettled([handle(captured(order)), cancelAs(customerOf(order), order.id)]);
        return { order, ...(await typesOf(order)), status: (await traceOf(db.pool, order.id)).order?.status };
      }),
    );
    for (const { status, outbox, log: rows } of outcomes) {
      if (status === 'CONFIRMED') {
        expect(outbox).toEqual(['order.placed', 'order.confirmed']);
        expect(rows).toEqual(['PLACED', 'STOCK_RESERVED', 'PAYMENT_CAPTURED', 'CONFIRMED']);
      } else {
        expect(status).toBe('CANCELLED');
        expect(outbox).toEqual(['order.placed', 'order.cancelled']);
        expect(rows).toEqual(['PLACED', 'STOCK_RESERVED', 'CANCELLED', 'PAYMENT_CAPTURED']);
      }
    }
  });
});
