/** The channel the appender notifies and the relay listens on, so a new row is relayed without waiting for a poll. */
export const OUTBOX_CHANNEL = 'outbox';

/**
 * The tables of the transactional outbox, for each service's Prisma migration (and its
 * `schema.prisma`, or the next `migrate dev` drops them; see decision 0014).
 *
 * - `outbox`: one row per event, written in the transaction of the state change it describes.
 *   `sequence` is the relay's order; `id` is the event ID and the broker's deduplication ID.
 *   `published_at` is set once the broker acknowledged the event. `dead_letter` says why the
 *   relay refused a row it could not read as an envelope; such a row is set published too, so
 *   it leaves the queue, and stays in the table for an operator. `trace_context` is the W3C trace
 *   context of the span that wrote the event, which the relay publishes in its envelope (0031).
 * - `processed_events`: the event IDs each consumer of this database has handled, claimed in
 *   the transaction of the handler's side effects.
 */
export const OUTBOX_SQL = `
create table if not exists outbox (
  sequence bigserial primary key,
  id uuid not null unique,
  aggregate_id text not null,
  type text not null,
  version int not null,
  occurred_at timestamptz(3) not null,
  payload jsonb not null,
  published_at timestamptz(3),
  dead_letter text,
  trace_context jsonb
);

-- the relay only ever reads unpublished rows in sequence order; published ones stay out of the index
create index if not exists outbox_unpublished on outbox (sequence) where published_at is null;

create table if not exists processed_events (
  consumer text not null,
  event_id uuid not null,
  processed_at timestamptz(3) not null default now(),
  primary key (consumer, event_id)
);
`;
