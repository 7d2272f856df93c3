import type { ClientBase, Pool } from 'pg';
import { DEAD_LETTER_REASONS } from './event-bus';
import { BUS_CHANNEL } from './postgres-bus-schema';
import type { DeadLetter, DeadLetterReason } from './event-bus';

interface DeadLetterRow {
  readonly id: string;
  readonly consumer: string;
  readonly subject: string;
  readonly reason: string;
  readonly detail: string;
  readonly deliveries: number;
  readonly data: Buffer;
}

/** A dead letter as the consumer stores it; `seq` is absent for a replay that failed again. */
export interface NewDeadLetter extends Omit<DeadLetter, 'id'> {
  readonly seq: number | undefined;
}

export async function storeDeadLetter(client: ClientBase, letter: NewDeadLetter): Promise<void> {
  const { consumer, seq, subject, reason, detail, deliveries, data } = letter;
  await client.query(
    `insert into event_bus.dead_letters (consumer, seq, subject, reason, detail, deliveries, data)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [consumer, seq ?? null, subject, reason, detail, deliveries, Buffer.from(data)],
  );
}

/** The dead letters still waiting (not replayed), oldest first. */
export async function readWaitingDeadLetters(pool: Pool): Promise<DeadLetter[]> {
  const { rows } = await pool.query<DeadLetterRow>(
    `select id::text, consumer, subject, reason, detail, deliveries, data
       from event_bus.dead_letters where replayed_at is null order by event_bus.dead_letters.id`,
  );
  return rows.map((row) => ({ ...row, reason: asReason(row.reason), data: new Uint8Array(row.data) }));
}

/**
 * Asks the consumer that gave up on `id` (or on every waiting letter, for `all`) to take it
 * again; returns how many were asked. The consumer with that name picks the request up.
 */
export async function requestReplay(pool: Pool, which: { readonly id: string } | 'all'): Promise<number> {
  const where = which === 'all' ? '' : 'and id = $1::bigint';
  const { rowCount } = await pool.query(
    `update event_bus.dead_letters set replay_requested_at = now()
      where replayed_at is null and replay_requested_at is null ${where}`,
    which === 'all' ? [] : [which.id],
  );
  // the consumers poll anyway; this only makes them look now
  if (rowCount) await pool.query(`select pg_notify('${BUS_CHANNEL}', '')`);
  return rowCount ?? 0;
}

export interface ReplayRow {
  readonly id: string;
  readonly subject: string;
  readonly data: Buffer;
}

export async function readReplayRequests(client: ClientBase, consumer: string): Promise<ReplayRow[]> {
  const { rows } = await client.query<ReplayRow>(
    `select id::text, subject, data from event_bus.dead_letters
      where consumer = $1 and replay_requested_at is not null and replayed_at is null order by event_bus.dead_letters.id limit 100`,
    [consumer],
  );
  return rows;
}

export async function markReplayed(client: ClientBase, id: string): Promise<void> {
  await client.query('update event_bus.dead_letters set replayed_at = now() where id = $1::bigint', [id]);
}

// only the consumer writes reasons; the fallback covers a hand-edited row
const asReason = (value: string): DeadLetterReason =>
  DEAD_LETTER_REASONS.find((reason) => reason === value) ?? 'malformed_envelope';
