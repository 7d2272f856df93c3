import type { ClientBase } from 'pg';

/** `evbus` in ASCII: the transaction lock that orders every publish (and guards the schema). */
export const PUBLISH_LOCK_KEY = 0x65766275;
/** The first half of each consumer's session lock; the second is `hashtext(name)`. */
export const CONSUMER_LOCK_CLASS = 0x65766273;
/** The channel `publish` notifies at commit. */
export const BUS_CHANNEL = 'event_bus';

// Prisma never sees schema event_bus: the bus owns it and creates it when it connects.
const SCHEMA_SQL = `
create schema if not exists event_bus;
create table if not exists event_bus.events (
  seq bigserial primary key,
  id uuid not null unique,
  type text not null,
  subject text not null,
  aggregate_id text,
  data bytea not null,
  published_at timestamptz not null default now()
);
create index if not exists events_type_seq on event_bus.events (type, seq);
create table if not exists event_bus.consumers (
  name text primary key,
  position bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create table if not exists event_bus.dead_letters (
  id bigserial primary key,
  consumer text not null,
  seq bigint,
  subject text not null,
  reason text not null,
  detail text not null,
  deliveries integer not null,
  data bytea not null,
  dead_at timestamptz not null default now(),
  replay_requested_at timestamptz,
  replayed_at timestamptz
);
create index if not exists dead_letters_waiting on event_bus.dead_letters (consumer, id)
  where replayed_at is null;
`;

/**
 * Creates schema `event_bus` and its tables when missing. Every process does this when its bus
 * connects; the transaction lock makes concurrent first starts wait for each other instead of
 * racing on `create … if not exists` (which is not safe under concurrency).
 */
export async function ensureBusSchema(client: ClientBase): Promise<void> {
  await client.query('begin');
  try {
    await client.query('select pg_advisory_xact_lock($1::bigint)', [PUBLISH_LOCK_KEY]);
    await client.query(SCHEMA_SQL);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}
