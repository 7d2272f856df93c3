import type { Queryable, SqlStatement } from './queryable';

export interface ProcessedEventClaim {
  /** The durable consumer name, as given to `bus.subscribe`. */
  readonly consumer: string;
  readonly eventId: string;
}

/** The statement {@link claimProcessedEvent} runs; with Prisma, `$executeRawUnsafe` returns 1 for a first claim, 0 for a repeat. */
export function processedEventClaimSql({ consumer, eventId }: ProcessedEventClaim): SqlStatement {
  return {
    text: 'insert into processed_events (consumer, event_id) values ($1, $2) on conflict do nothing',
    values: [consumer, eventId],
  };
}

/**
 * Records that `consumer` handled `eventId`. Call it first inside the transaction of the
 * handler's side effects: `true` the first time, `false` for a redelivered event, whose
 * effects are then skipped. A rolled-back transaction takes its claim with it, so the event
 * can be handled again. A concurrent claim of the same event waits for the first to end.
 */
export async function claimProcessedEvent(client: Queryable, claim: ProcessedEventClaim): Promise<boolean> {
  const { text, values } = processedEventClaimSql(claim);
  const result = await client.query(text, [...values]);
  return result.rowCount === 1;
}
