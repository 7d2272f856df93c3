import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@shopgraph/service-kit/logger';
import { newId } from '@shopgraph/service-kit/ids';
import { placeOrder } from '../../application/place-order';
import type { Order } from '../../domain/order';
import { openOrdersDatabase, traceOf } from '../../testing/orders-database';
import type { OrdersDatabase } from '../../testing/orders-database';
import { captured, failed, rejected, reserved } from '../../testing/saga-events';
import { PgOrderStore } from '../prisma/pg-order-store';
import { ordersSagaHandler } from './orders-saga-consumer';
import type { SagaHandler } from './orders-saga-consumer';

const log = createLogger('orders-saga-test', 'silent');

describe('the orders-saga consumer with events in any order (decision 0021)', () => {
  let db: OrdersDatabase;
  let handle: SagaHandler;
  let placeAs: ReturnType<typeof placeOrder>;
  const warn = vi.spyOn(log, 'warn');

  beforeAll(async () => {
    db = await openOrdersDatabase();
    handle = ordersSagaHandler({ pool: db.pool, log });
    placeAs = placeOrder({ orders: new PgOrderStore(db.pool) });
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

  it('holds a payment.captured that comes before stock.reserved, then confirms when the stock is reserved', async () => {
    const order = await pendingOrder();
    expect(await handle(captured(order))).toBe('handled');
    expect((await traceOf(db.pool, order.id)).order?.status).toBe('PENDING');
    await handle(reserved(order));
    const trace = await traceOf(db.pool, order.id);
    expect(trace.order).toMatchObject({ status: 'CONFIRMED', total: 3 * 1_000 + 1_001 });
    expect(await typesOf(order)).toEqual({
      outbox: ['order.placed', 'order.confirmed'],
      log: ['PLACED', 'PAYMENT_CAPTURED', 'STOCK_RESERVED', 'CONFIRMED'],
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('cancels on a payment.failed that comes before stock.reserved, and only logs the late reservation', async () => {
    const order = await pendingOrder();
    await handle(failed(order));
    await handle(reserved(order));
    expect((await traceOf(db.pool, order.id)).order).toMatchObject({ status: 'CANCELLED', reason: 'card_declined' });
    expect(await typesOf(order)).toEqual({
      outbox: ['order.placed', 'order.cancelled'],
      log: ['PLACED', 'PAYMENT_FAILED', 'CANCELLED', 'STOCK_RESERVED'],
    });
  });

  it('acknowledges late events after CONFIRMED without a warning, and changes nothing', async () => {
    const order = await awaitingOrder();
    await handle(captured(order));
    for (const late of [failed(order), reserved(order), rejected(order), captured(order)]) {
      expect(await handle(late)).toBe('handled');
    }
    expect(warn).not.toHaveBeenCalled();
    expect((await traceOf(db.pool, order.id)).order?.status).toBe('CONFIRMED');
    expect((await typesOf(order)).outbox).toEqual(['order.placed', 'order.confirmed']);
  });
});
