import type { Pool } from 'pg';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { eventSubject } from '@shopgraph/events/event-subject';
import { encodeEnvelope } from '../envelope-codec';

/** Stores many events in one statement, in array order: a backlog in a second, not a minute. */
export async function bulkInsertEvents(pool: Pool, events: readonly EventEnvelope[]): Promise<void> {
  const rows = events.map((event) => ({
    id: event.id,
    type: event.type,
    subject: eventSubject(event.type),
    aggregate_id: event.aggregateId,
    data: Buffer.from(encodeEnvelope(event)).toString('base64'),
  }));
  await pool.query(
    `insert into event_bus.events (id, type, subject, aggregate_id, data)
     select id, type, subject, aggregate_id, decode(data, 'base64')
       from rows from (jsonb_to_recordset($1::jsonb) as (id uuid, type text, subject text, aggregate_id text, data text))
         with ordinality as r(id, type, subject, aggregate_id, data, ord)
      order by ord`,
    [JSON.stringify(rows)],
  );
}
