import type { Pool } from 'pg';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { eventSubject } from '@shopgraph/events/event-subject';
import { encodeEnvelope } from './envelope-codec';
import { BUS_CHANNEL, PUBLISH_LOCK_KEY } from './postgres-bus-schema';

/**
 * One statement, so one implicit transaction: the lock is taken before `nextval`, and held
 * until the commit, so sequence order is commit order. A reader that saw seq n has therefore
 * seen every event below n, and a consumer's position never skips a late commit. The
 * notification (the event's type) goes out at commit, and only for an event not stored before.
 */
const PUBLISH_SQL = `
with locked as (select pg_advisory_xact_lock($1::bigint)),
stored as (
  insert into event_bus.events (id, type, subject, aggregate_id, data)
  select $2::uuid, $3, $4, $5, $6::bytea from locked
  on conflict (id) do nothing
  returning seq
)
select pg_notify('${BUS_CHANNEL}', $3) from stored`;

// Several events in one statement, so one commit and one fsync: stored in array order under
// the same lock, each type notified once (Postgres folds equal notifications of a transaction).
const PUBLISH_ALL_SQL = `
with locked as (select pg_advisory_xact_lock($1::bigint)),
stored as (
  insert into event_bus.events (id, type, subject, aggregate_id, data)
  select e.id, e.type, e.subject, e.aggregate_id, e.data
  from locked cross join unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::bytea[])
    with ordinality as e(id, type, subject, aggregate_id, data, position)
  order by e.position
  on conflict (id) do nothing
  returning type
)
select pg_notify('${BUS_CHANNEL}', type) from stored`;

export interface RawEvent {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly aggregateId: string | null;
  readonly data: Uint8Array;
}

/** Stores an event once for ever (deduplicated by ID without a window); resolves once committed. */
export async function publishToPostgres(pool: Pool, event: EventEnvelope): Promise<void> {
  const data = encodeEnvelope(event);
  const subject = eventSubject(event.type);
  await insertEvent(pool, { id: event.id, type: event.type, subject, aggregateId: event.aggregateId, data });
}

/** Stores bytes as they are: `publish` after its checks, and tests that need what publish refuses. */
export async function insertEvent(pool: Pool, event: RawEvent): Promise<void> {
  const { id, type, subject, aggregateId, data } = event;
  await pool.query(PUBLISH_SQL, [PUBLISH_LOCK_KEY, id, type, subject, aggregateId, Buffer.from(data)]);
}

/** Stores `events` in their order in one statement (one commit), each once for ever. */
export async function publishAllToPostgres(pool: Pool, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  await pool.query(PUBLISH_ALL_SQL, [
    PUBLISH_LOCK_KEY,
    events.map((event) => event.id),
    events.map((event) => event.type),
    events.map((event) => eventSubject(event.type)),
    events.map((event) => event.aggregateId),
    events.map((event) => Buffer.from(encodeEnvelope(event))),
  ]);
}
