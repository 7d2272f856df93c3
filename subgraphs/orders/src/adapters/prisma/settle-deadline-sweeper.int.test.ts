import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { paymentCapturedV1 } from '@shopgraph/events/payment-events';
import { stockReservedV1 } from '@shopgraph/events/stock-events';
import { newId } from '@shopgraph/service-kit/ids';
import { createLogger } from '@shopgraph/service-kit/logger';
import { placeOrder } from '../../application/place-order';
import type { Order } from '../../domain/order';
import { openOrdersDatabase, traceOf } from '../../testing/orders-database';
import type { OrdersDatabase } from '../../testing/orders-database';
import { ordersSagaHandler } from '../events/orders-saga-consumer';
import { PgOrderStore } from './pg-order-store';
import { startSettleDeadlineSweeper } from './settle-deadline-sweeper';

const DEADLINE_MS = 120_000;
const HOUR_MS = 3_600_000;

describe('the settle deadline sweeper on PostgreSQL', () => {
  let db: OrdersDatabase;
  let place: () => Promise<Order>;
  const log = createLogger('settle-deadline-test', 'silent');
  const warn = vi.spyOn(log, 'warn');
  // timers an hour apart: only the explicit sweeps below ever run
  const sweeper = () =>
    startSettleDeadlineSweeper({ pool: db.pool, deadlineMs: DEADLINE_MS, log, intervalMs: HOUR_MS });
  const statusOf = async (order: Order) => (await traceOf(db.pool, order.id)).order;
  const outboxOf = async (order: Order) =>
    (await traceOf(db.pool, order.id)).outbox.map(({ type, payload }) => [type, payload]);

  beforeAll(async () => {
    db = await openOrdersDatabase();
    const placeAs = placeOrder({ orders: new PgOrderStore(db.pool) });
    place = () =>
      placeAs(
        { kind: 'user', userId: newId(), role: 'CUSTOMER' },
        { items: [{ productId: newId(), quantity: 1 }], paymentToken: 'tok_visa', idempotencyKey: newId() },
      );
  });
  afterAll(() => db.close());

  it('cancels orders still PENDING or AWAITING_PAYMENT past the deadline with settle_deadline, once, and leaves settled ones', async () => {
    const handle = ordersSagaHandler({ pool: db.pool, log: createLogger('saga', 'silent') });
    const [pending, awaiting, confirmed] = [await place(), await place(), await place()];
    const reserve = (order: Order) =>
      stockReservedV1.create({
        aggregateId: order.id,
        payload: {
          orderId: order.id,
          lines: order.lines.map(({ productId, quantity }) => ({
            productId,
            quantity,
            unitPrice: 700,
            currency: 'EUR',
          })),
          total: 700,
          currency: 'EUR',
        },
      });
    await handle(reserve(awaiting));
    await handle(reserve(confirmed));
    await handle(
      paymentCapturedV1.create({
        aggregateId: confirmed.id,
        payload: { orderId: confirmed.id, paymentId: newId(), amount: 700, currency: 'EUR' },
      }),
    );
    const placedAt = pending.createdAt.getTime();
    const first = sweeper();
    const second = sweeper();
    try {
      expect(await first.sweep(new Date(placedAt + DEADLINE_MS - 60_000))).toBe(0);
      // two replicas sweeping at once: skip locked shares the orders out, each cancelled once
      const past = new Date(confirmed.createdAt.getTime() + DEADLINE_MS + 60_000);
      const swept = await Promise.all([first.sweep(past), second.sweep(past)]);
      expect(swept[0] + swept[1]).toBe(2);
      expect(await first.sweep(past)).toBe(0);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    for (const order of [pending, awaiting]) {
      expect(await statusOf(order)).toMatchObject({ status: 'CANCELLED', reason: 'settle_deadline' });
      expect(await outboxOf(order)).toEqual([
        ['order.placed', expect.anything()],
        ['order.cancelled', { orderId: order.id, reason: 'settle_deadline' }],
      ]);
    }
    expect(await statusOf(confirmed)).toMatchObject({ status: 'CONFIRMED' });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls.map(([fields]) => (fields as { orderId: string }).orderId).sort()).toEqual(
      [pending.id, awaiting.id].sort(),
    );
  });
});
