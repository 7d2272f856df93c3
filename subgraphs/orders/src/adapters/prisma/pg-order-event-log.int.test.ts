import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import { startOrderEventRetention } from '../../application/order-event-retention';
import { openOrdersDatabase } from '../../testing/orders-database';
import type { OrdersDatabase } from '../../testing/orders-database';
import { PgOrderEventLog } from './pg-order-event-log';

const HOUR = 3_600_000;
const NOW = new Date('2026-11-22T12:00:00.000Z');

describe('the order event log on PostgreSQL', () => {
  let db: OrdersDatabase;
  let log: PgOrderEventLog;
  const insert = async (hoursAgo: number, ids: { orderId?: string; customerId?: string } = {}) => {
    const id = newId();
    await db.pool.query(
      `insert into order_events (id, order_id, customer_id, type, occurred_at) values ($1, $2, $3, 'PLACED', $4)`,
      [id, ids.orderId ?? newId(), ids.customerId ?? newId(), new Date(NOW.getTime() - hoursAgo * HOUR)],
    );
    return id;
  };
  const remaining = async () =>
    (await db.pool.query<{ id: string }>('select id from order_events order by sequence')).rows.map(({ id }) => id);

  beforeAll(async () => {
    db = await openOrdersDatabase();
    log = new PgOrderEventLog(db.pool);
  });
  afterAll(() => db.close());

  it('reads a scope past a sequence in order, page by page', async () => {
    const customerId = newId();
    const ids = [await insert(1, { customerId }), await insert(1), await insert(1, { customerId })];
    await insert(1, { customerId });
    const start = await log.find(ids[0] ?? '');
    const page = await log.readAfter({
      scope: { kind: 'customer', customerId },
      afterSequence: start?.sequence ?? 0,
      limit: 1,
    });
    expect(page.map(({ id }) => id)).toEqual([ids[2]]);
    expect(await log.find(newId())).toBeUndefined();
  });

  it('deletes, batch by batch, only the rows older than the retention, at start and on demand', async () => {
    await db.pool.query('delete from order_events');
    const old = [await insert(100), await insert(73), await insert(80), await insert(200), await insert(72.5)];
    const kept = [await insert(71), await insert(1), await insert(0)];
    const failures: unknown[] = [];
    const retention = startOrderEventRetention({
      log,
      retentionHours: 72,
      batchSize: 2,
      now: () => NOW,
      onError: (error) => failures.push(error),
    });
    // the pass made at start is queued first: this one finds nothing left to delete
    expect(await retention.prune()).toBe(0);
    await retention.stop();
    expect(await remaining()).toEqual(kept);
    expect(failures).toEqual([]);
    for (const id of old) expect(await log.find(id)).toBeUndefined();
  });
});
