import { escapeLiteral } from 'pg';
import type { Queryable } from './queryable';

export interface ProcessedEventClaim {
  /** The durable consumer name, as given to `bus.subscribe`. */
  readonly consumer: string;
  readonly eventId: string;
}

/**
 * Records that `consumer` handled `eventId`. Call it first inside the transaction of the
 * handler's side effects: `true` the first time, `false` for a redelivered event, whose
 * effects are then skipped. A rolled-back transaction takes its claim with it, so the event
 * can be handled again. A concurrent claim of the same event waits for the first to end.
 */
export async function claimProcessedEvent(client: Queryable, claim: ProcessedEventClaim): Promise<boolean> {
  const result = await client.query(claimStatement(claim));
  return result.rowCount === 1;
}

/**
 * The claim of {@link claimProcessedEvent} as one statement with its values written in as
 * escaped literals, for a simple query: `consumeInTransaction` sends it with the `begin` of the
 * step's transaction. Its row count is 1 the first time, 0 for a redelivered event.
 */
export function claimStatement(claim: ProcessedEventClaim): string {
  return `insert into processed_events (consumer, event_id) values (${escapeLiteral(claim.consumer)}, ${escapeLiteral(claim.eventId)}) on conflict do nothing`;
}
