import type { Pool } from 'pg';
import type { OrderEventLog } from '../../application/ports';
import type { OrderEventScope, RecordedOrderEvent } from '../../domain/order-event-log';
import { ORDER_EVENT_COLUMNS, toRecordedOrderEvent } from './order-event-log-sql';
import type { OrderEventRow } from './order-event-log-sql';

// `ORDER BY order_events.sequence`, not `sequence`: that name is also the text column selected.
// Each scope is one index range: (order_id, sequence), (customer_id, sequence) or the primary key.
function scopeFilter(scope: OrderEventScope): { readonly sql: string; readonly values: readonly string[] } {
  switch (scope.kind) {
    case 'order':
      return { sql: 'AND order_id = $3::uuid', values: [scope.orderId] };
    case 'customer':
      return { sql: 'AND customer_id = $3::uuid', values: [scope.customerId] };
    case 'all':
      return { sql: '', values: [] };
  }
}

/** The order event log on PostgreSQL, read by subscriptions and pruned by retention. */
export class PgOrderEventLog implements OrderEventLog {
  constructor(private readonly pool: Pool) {}

  async find(eventId: string): Promise<RecordedOrderEvent | undefined> {
    const { rows } = await this.pool.query<OrderEventRow>(
      `SELECT ${ORDER_EVENT_COLUMNS} FROM order_events WHERE id = $1::uuid`,
      [eventId],
    );
    return rows[0] && toRecordedOrderEvent(rows[0]);
  }

  /** The highest sequence committed so far; 0 for an empty log. */
  async lastSequence(): Promise<number> {
    const { rows } = await this.pool.query<{ sequence: string }>(
      'SELECT coalesce(max(sequence), 0)::text AS sequence FROM order_events',
    );
    return Number(rows[0]?.sequence ?? 0);
  }

  async readAfter(query: Parameters<OrderEventLog['readAfter']>[0]): Promise<RecordedOrderEvent[]> {
    const filter = scopeFilter(query.scope);
    const { rows } = await this.pool.query<OrderEventRow>(
      `SELECT ${ORDER_EVENT_COLUMNS} FROM order_events WHERE sequence > $1 ${filter.sql} ORDER BY order_events.sequence LIMIT $2`,
      [query.afterSequence, query.limit, ...filter.values],
    );
    return rows.map(toRecordedOrderEvent);
  }

  async deleteBefore(cutoff: Date, limit: number): Promise<number> {
    // a bounded batch keeps each delete's locks and WAL small while the service runs
    const { rowCount } = await this.pool.query(
      `DELETE FROM order_events WHERE sequence IN (
         SELECT sequence FROM order_events WHERE occurred_at < $1 ORDER BY occurred_at LIMIT $2)`,
      [cutoff, limit],
    );
    return rowCount ?? 0;
  }
}
