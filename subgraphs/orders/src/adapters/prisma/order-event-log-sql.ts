import type { EventEnvelope } from '@shopgraph/events/envelope';
import { orderEventRecordedV1 } from '@shopgraph/events/order-events';
import { ORDER_EVENT_TYPES } from '../../domain/order-event-log';
import type { OrderEventType, OrderLogEntry, RecordedOrderEvent } from '../../domain/order-event-log';
import type { TransactionClient } from './order-store-sql';

/** A log row as the statements below select it; `sequence` as text, since bigint exceeds a JS number's name. */
export interface OrderEventRow {
  readonly sequence: string;
  readonly id: string;
  readonly order_id: string;
  readonly customer_id: string;
  readonly type: string;
  readonly occurred_at: Date;
}

export const ORDER_EVENT_COLUMNS =
  'sequence::text AS sequence, id, order_id, customer_id, type::text AS type, occurred_at';

const isOrderEventType = (value: string): value is OrderEventType =>
  (ORDER_EVENT_TYPES as readonly string[]).includes(value);

/** Whitelists a log row; refuses one it cannot trust rather than stream a made-up fact. */
export function toRecordedOrderEvent(row: OrderEventRow): RecordedOrderEvent {
  const sequence = Number(row.sequence);
  if (!Number.isSafeInteger(sequence) || !isOrderEventType(row.type)) {
    throw new Error('orders database returned a malformed order event row');
  }
  return {
    sequence,
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    type: row.type,
    occurredAt: new Date(row.occurred_at),
  };
}

// Sequences are drawn when a row is inserted but become visible when its transaction commits,
// so two concurrent writers could commit 11 before 10 and a replay reading between the two
// commits would resume past 10 for ever. Holding one transaction-scoped lock from the insert
// to the commit makes sequence order commit order; it covers only the log and outbox inserts
// and the commit, after the order's row lock is taken, so it cannot deadlock.
const LOG_WRITER_LOCK = "SELECT pg_advisory_xact_lock(hashtext('orders.order_events'))";

const INSERT_LOG = `
  INSERT INTO order_events (id, order_id, customer_id, type, occurred_at)
  SELECT (e.entry->>'id')::uuid, (e.entry->>'orderId')::uuid, (e.entry->>'customerId')::uuid,
    (e.entry->>'type')::"OrderEventType", (e.entry->>'occurredAt')::timestamptz
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(entry, position)
  ORDER BY e.position
  RETURNING ${ORDER_EVENT_COLUMNS}`;

/**
 * Appends rows to the order event log (`sequence` follows the array's order) and returns the
 * `order.event-recorded` events that announce them, for the caller to append to the outbox in
 * the same transaction: a live subscriber hears of a row only once it has committed.
 */
export async function recordOrderLog(
  client: TransactionClient,
  entries: readonly OrderLogEntry[],
): Promise<EventEnvelope[]> {
  if (entries.length === 0) return [];
  await client.query(LOG_WRITER_LOCK);
  const { rows } = await client.query<OrderEventRow>(INSERT_LOG, [JSON.stringify(entries)]);
  return rows
    .map(toRecordedOrderEvent)
    .sort((a, b) => a.sequence - b.sequence)
    .map((recorded) =>
      orderEventRecordedV1.create({
        aggregateId: recorded.orderId,
        occurredAt: recorded.occurredAt,
        payload: {
          orderId: recorded.orderId,
          customerId: recorded.customerId,
          orderEventId: recorded.id,
          sequence: recorded.sequence,
          orderEventType: recorded.type,
        },
      }),
    );
}
