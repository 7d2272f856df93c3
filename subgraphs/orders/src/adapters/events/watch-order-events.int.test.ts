import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEventRecordedV1 } from '@shopgraph/events/order-events';
import { newId } from '@shopgraph/service-kit/ids';
import { createTestEventBus } from '@shopgraph/test-kit/test-event-bus';
import type { TestEventBus } from '@shopgraph/test-kit/test-event-bus';
import type { RecordedOrderEvent } from '../../domain/order-event-log';
import { PgOrderEventLog } from '../prisma/pg-order-event-log';
import { openOrdersDatabase } from '../../testing/orders-database';
import type { OrdersDatabase } from '../../testing/orders-database';
import { createLiveOrderHub } from './live-order-hub';
import { watchOrderEvents } from './watch-order-events';

describe('the live order feed on PostgreSQL and a real bus', () => {
  let db: OrdersDatabase;
  let bus: TestEventBus;
  let log: PgOrderEventLog;

  const commitRow = async (): Promise<RecordedOrderEvent> => {
    const id = newId();
    await db.pool.query(
      `insert into order_events (id, order_id, customer_id, type, occurred_at) values ($1, $2, $3, 'PLACED', now())`,
      [id, newId(), newId()],
    );
    const row = await log.find(id);
    if (row === undefined) throw new Error('the row just committed is not in the log');
    return row;
  };
  const announcement = (row: RecordedOrderEvent) =>
    orderEventRecordedV1.create({
      aggregateId: row.orderId,
      payload: {
        orderId: row.orderId,
        customerId: row.customerId,
        orderEventId: row.id,
        sequence: row.sequence,
        orderEventType: row.type,
      },
      occurredAt: row.occurredAt,
    });

  beforeAll(async () => {
    db = await openOrdersDatabase();
    bus = await createTestEventBus();
    log = new PgOrderEventLog(db.pool);
  });
  afterAll(async () => {
    await bus.close();
    await db.close();
  });

  it('hands subscribers the log in its order when the bus reorders or loses announcements', async () => {
    const before = await commitRow();
    const hub = createLiveOrderHub();
    const watch = await watchOrderEvents({ bus, log, hub });
    const stream = hub.open({ kind: 'all' });
    const [first, lost, third, fourth] = [await commitRow(), await commitRow(), await commitRow(), await commitRow()];
    // the row from before the watch started is announced late, the second never, the others out of order
    await bus.publishAll([first, fourth, before, third].map(announcement));
    const received = [];
    for (let i = 0; i < 4; i++) received.push(await stream.next());
    expect(received.map((event) => event?.id)).toEqual([first.id, lost.id, third.id, fourth.id]);
    expect(received[1]).toEqual(lost);
    const fifth = await commitRow();
    await bus.publish(announcement(fifth));
    expect(await stream.next()).toEqual(fifth);
    await watch.stop();
    hub.close();
  });
});
