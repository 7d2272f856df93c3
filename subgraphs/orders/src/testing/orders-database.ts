import type { Pool } from 'pg';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';

/** A fresh, migrated orders database and the pool a service would use on it. */
export interface OrdersDatabase {
  readonly pool: Pool;
  close(): Promise<void>;
}

export async function openOrdersDatabase(): Promise<OrdersDatabase> {
  const database = await createTestDatabase('orders');
  const pool = createServicePool(database.url, { max: 20 });
  return {
    pool,
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

/** An `order.event-recorded` payload as the outbox holds it. */
export interface RecordedPayload {
  readonly orderId: string;
  readonly customerId: string;
  readonly orderEventId: string;
  readonly sequence: number;
  readonly orderEventType: string;
}

/**
 * What a test reads back: the rows one order left in each table, in write order. `outbox`
 * holds the saga's events; `recorded` the `order.event-recorded` announcing each log row,
 * with `logSequences` the log's own sequences to match them against.
 */
export async function traceOf(pool: Pool, orderId: string) {
  // amounts are BIGINT, which pg returns as text; float8 is exact for every stored (safe) amount
  const [order, items, outbox, log, recorded] = await Promise.all([
    pool.query<{
      status: string;
      reason: string | null;
      total: number | null;
      key: string | null;
      hash: string | null;
    }>(
      `select status::text, cancellation_reason as reason, total_amount::float8 as total, idempotency_key as key,
         request_hash as hash from orders where id = $1`,
      [orderId],
    ),
    pool.query<{ position: number; productId: string; quantity: number; unitPrice: number | null; version: string }>(
      `select position, product_id as "productId", quantity, unit_price::float8 as "unitPrice", xmin::text as version
       from order_items where order_id = $1 order by position`,
      [orderId],
    ),
    pool.query<{ id: string; type: string; payload: Record<string, unknown> }>(
      `select id, type, payload from outbox where aggregate_id = $1 and type <> 'order.event-recorded'
       order by sequence`,
      [orderId],
    ),
    pool.query<{ id: string; type: string; customerId: string; position: string }>(
      `select id, type::text, customer_id as "customerId", sequence::text as position from order_events
       where order_id = $1 order by sequence`,
      [orderId],
    ),
    pool.query<{ payload: RecordedPayload }>(
      `select payload from outbox where aggregate_id = $1 and type = 'order.event-recorded' order by sequence`,
      [orderId],
    ),
  ]);
  return {
    order: order.rows[0],
    items: items.rows.map(({ version: _, ...item }) => item),
    /** Each line's row version (xmin): unchanged while nothing rewrites the line. */
    lineVersions: items.rows.map(({ version }) => version),
    outbox: outbox.rows,
    log: log.rows.map(({ id, type, customerId }) => ({ id, type, customerId })),
    logSequences: log.rows.map(({ position }) => Number(position)),
    recorded: recorded.rows.map(({ payload }) => payload),
  };
}

/** Rows in every table placeOrder writes: what "nothing is written" is checked against. */
export async function rowCounts(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<Record<string, number>>(
    `select (select count(*)::int from orders) as orders, (select count(*)::int from order_items) as items,
       (select count(*)::int from outbox) as outbox, (select count(*)::int from order_events) as log`,
  );
  return rows[0] ?? {};
}

/** Puts an order into a state directly, to test what happens to it from there. */
export async function forceStatus(pool: Pool, orderId: string, status: string): Promise<void> {
  const reason = status === 'CANCELLED' ? 'cancelled_by_customer' : null;
  await pool.query(`update orders set status = $2::"OrderStatus", cancellation_reason = $3 where id = $1`, [
    orderId,
    status,
    reason,
  ]);
}

/** The `order.event-recorded` payloads a trace's log rows must have produced, one per row, in order. */
export function expectedRecorded(trace: Awaited<ReturnType<typeof traceOf>>, orderId: string): RecordedPayload[] {
  return trace.log.map(({ id, type, customerId }, index) => ({
    orderId,
    customerId,
    orderEventId: id,
    sequence: trace.logSequences[index] ?? -1,
    orderEventType: type,
  }));
}
