import { escapeLiteral } from 'pg';
import { OUTBOX_CHANNEL } from '@shopgraph/outbox/outbox-sql';
import { sendWithCommit } from '@shopgraph/outbox/send-with-commit';
import { currentTraceContext } from '@shopgraph/service-kit/tracing/trace-context';
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
// to the commit makes sequence order commit order (and the announcements' outbox order log
// order). Every order write of the service queues on that lock, so it is held as briefly as can
// be: the lock, the log rows and their announcements are ONE statement, sent in the commit's
// message (sendWithCommit), so the server commits right after it, with no round trip to Node in
// between. It runs after the order's row lock is taken, so it cannot deadlock. The announcements
// carry the writer's trace context, as appendToOutbox gives every other event (decision 0031).
const recordLogStatement = (entries: string, traceContext: string) => `
  WITH locked AS (SELECT pg_advisory_xact_lock(hashtext('orders.order_events'))),
  logged AS (
    INSERT INTO order_events (id, order_id, customer_id, type, occurred_at)
    SELECT (e.entry->>'id')::uuid, (e.entry->>'orderId')::uuid, (e.entry->>'customerId')::uuid,
      (e.entry->>'type')::"OrderEventType", (e.entry->>'occurredAt')::timestamptz
    FROM locked CROSS JOIN jsonb_array_elements(${entries}::jsonb) WITH ORDINALITY AS e(entry, position)
    ORDER BY e.position
    RETURNING sequence, id, order_id, customer_id, type, occurred_at)
  INSERT INTO outbox (id, aggregate_id, type, version, occurred_at, payload, trace_context)
  SELECT gen_random_uuid(), l.order_id::text, '${orderEventRecordedV1.type}', ${orderEventRecordedV1.version},
    l.occurred_at, jsonb_build_object('orderId', l.order_id, 'customerId', l.customer_id,
      'orderEventId', l.id, 'sequence', l.sequence, 'orderEventType', l.type::text), ${traceContext}::jsonb
  FROM logged l CROSS JOIN (SELECT pg_notify('${OUTBOX_CHANNEL}', '')) AS wake_relay
  ORDER BY l.sequence`;

/**
 * Appends rows to the order event log (`sequence` follows the array's order) and one
 * `order.event-recorded` per row to the outbox, announcing it: a live subscriber hears of a row
 * only once it has committed. Both are written as the transaction's last statement, in its
 * commit's message, after whatever the caller writes after calling this.
 */
export function recordOrderLog(client: TransactionClient, entries: readonly OrderLogEntry[]): void {
  if (entries.length === 0) return;
  const traceContext = currentTraceContext();
  // a simple query takes no parameters: both values are literals escaped by pg (decision 0046)
  const statement = recordLogStatement(
    escapeLiteral(JSON.stringify(entries)),
    traceContext ? escapeLiteral(JSON.stringify(traceContext)) : 'NULL',
  );
  sendWithCommit(client, statement);
}
