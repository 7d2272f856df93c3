import { eventEnvelopeSchema } from '@shopgraph/events/envelope';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { currentTraceContext } from '@shopgraph/service-kit/tracing/trace-context';
import { escapeLiteral } from 'pg';
import { OUTBOX_CHANNEL } from './outbox-sql';
import { sendWithCommit } from './send-with-commit';
import type { Queryable, SqlStatement } from './queryable';

// One statement for any number of events: the envelopes travel as one JSON array, and
// `ordinality` keeps their order in `sequence`. The notification is transactional: the relay
// hears it at commit, and never for a rolled-back append (Postgres sends one per transaction).
const insertFrom = (envelopes: string) => `
insert into outbox (id, aggregate_id, type, version, occurred_at, payload, trace_context)
select (e.event->>'id')::uuid, e.event->>'aggregateId', e.event->>'type', (e.event->>'version')::int,
  (e.event->>'occurredAt')::timestamptz, coalesce(e.event->'payload', 'null'::jsonb), e.event->'traceContext'
from jsonb_array_elements(${envelopes}::jsonb) with ordinality as e(event, position)
cross join (select pg_notify('${OUTBOX_CHANNEL}', '')) as wake_relay
order by e.position`;

/**
 * The statement {@link appendToOutbox} runs, for a Prisma interactive transaction:
 *
 * ```ts
 * await prisma.$transaction(async (tx) => {
 *   await tx.order.update(…); // the state change first: its row lock orders the aggregate's events
 *   const { text, values } = outboxInsertSql([orderPlacedV1.create({ aggregateId, payload })]);
 *   await tx.$executeRawUnsafe(text, ...values);
 * });
 * ```
 *
 * Throws when an event is not a valid envelope, so a bad event fails the producer's transaction.
 * An event without a trace context gets the active span's (the request or consumer that wrote it).
 */
export function outboxInsertSql(events: readonly EventEnvelope[]): SqlStatement {
  return { text: insertFrom('$1'), values: [envelopesJson(events)] };
}

function envelopesJson(events: readonly EventEnvelope[]): string {
  const traceContext = currentTraceContext();
  const envelopes = events.map((event) =>
    eventEnvelopeSchema.parse(event.traceContext || !traceContext ? event : { ...event, traceContext }),
  );
  return JSON.stringify(envelopes);
}

/**
 * Writes events to the outbox through `client`, which must be inside the caller's transaction
 * (`begin` … `commit` on one `pg` client): the events commit or roll back with the state change.
 * Append after the state change, which locks the aggregate's row: a concurrent transaction on
 * the same aggregate then waits, and its events get a later `sequence`.
 */
export async function appendToOutbox(client: Queryable, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const { text, values } = outboxInsertSql(events);
  await client.query(text, [...values]);
}

/**
 * {@link appendToOutbox}, written in the commit's message rather than now (`sendWithCommit`): one
 * round trip less for a transaction whose append is its last write. The events are checked now
 * (a bad one fails the work); they travel as a literal escaped by `pg.escapeLiteral`.
 */
export function appendToOutboxAtCommit(client: Queryable, events: readonly EventEnvelope[]): void {
  if (events.length === 0) return;
  sendWithCommit(client, insertFrom(escapeLiteral(envelopesJson(events))));
}
