import type { PoolClient } from 'pg';
import { checkEnvelope } from '@shopgraph/events/envelope';
import type { EnvelopeCheck } from '@shopgraph/events/envelope';

/** An unpublished outbox row as `pg` returns it. */
export interface OutboxRow {
  /** `bigserial` arrives as a string, which keeps it exact. */
  readonly sequence: string;
  readonly id: string;
  readonly aggregate_id: string;
  readonly type: string;
  readonly version: number;
  readonly occurred_at: Date;
  readonly payload: unknown;
  readonly trace_context: unknown;
}

/** The oldest unpublished rows, oldest first: rows committed late with a lower sequence are picked up too. */
export async function readUnpublished(client: PoolClient, limit: number): Promise<readonly OutboxRow[]> {
  const { rows } = await client.query<OutboxRow>(
    `select sequence, id, aggregate_id, type, version, occurred_at, payload, trace_context
     from outbox where published_at is null order by sequence limit $1`,
    [limit],
  );
  return rows;
}

/** Marks rows published, in one statement (one commit) however many. */
export async function markPublished(client: PoolClient, sequences: readonly string[]): Promise<void> {
  if (sequences.length === 0) return;
  await client.query('update outbox set published_at = now() where sequence = any($1::bigint[])', [sequences]);
}

/** Takes an unreadable row out of the queue, keeping it and the reason for an operator. */
export async function markDeadLetter(client: PoolClient, row: { sequence: string; problem: string }): Promise<void> {
  await client.query('update outbox set published_at = now(), dead_letter = $2 where sequence = $1', [
    row.sequence,
    row.problem,
  ]);
}

/** Reads a row as an envelope without throwing: a bad row must not stop the relay. */
export function rowToEnvelope(row: OutboxRow): EnvelopeCheck {
  const { occurred_at: occurredAt } = row;
  // `infinity` and friends arrive as something else than a valid Date; let the schema refuse them
  const validDate = occurredAt instanceof Date && Number.isFinite(occurredAt.getTime());
  return checkEnvelope({
    id: row.id,
    type: row.type,
    version: row.version,
    occurredAt: validDate ? occurredAt.toISOString() : String(occurredAt),
    aggregateId: row.aggregate_id,
    payload: row.payload,
    ...(row.trace_context === null || row.trace_context === undefined ? {} : { traceContext: row.trace_context }),
  });
}
