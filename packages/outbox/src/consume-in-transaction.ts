import type { Pool, PoolClient } from 'pg';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { appendToOutboxAtCommit } from './append-to-outbox';
import { claimStatement } from './claim-processed-event';
import { inTransactionOpenedWith } from './in-transaction';

/** Options of {@link consumeInTransaction}. */
export interface ConsumeInTransactionOptions {
  readonly pool: Pool;
  /** The durable consumer name, as given to `bus.subscribe`. */
  readonly consumer: string;
  /** The event being handled: its ID is what is claimed. */
  readonly event: Pick<EventEnvelope, 'id'>;
}

/** What a handler step did: `skipped` when the event had been handled already. */
export type ConsumeOutcome = 'handled' | 'skipped';

/**
 * The shape of every saga step: in ONE transaction, claim the event ID for this consumer (in
 * the message that opens the transaction), run `effects` (which locks and changes this
 * service's rows and returns the events they caused), and append those events to the outbox,
 * in the commit's message. A redelivered
 * event finds its claim and changes nothing; a step that throws rolls back its claim with its
 * effects, so it runs again on the next delivery.
 */
export async function consumeInTransaction(
  options: ConsumeInTransactionOptions,
  effects: (client: PoolClient) => Promise<readonly EventEnvelope[]>,
): Promise<ConsumeOutcome> {
  const { pool, consumer, event } = options;
  // the claim is sent with the transaction's begin: one round trip for both
  return inTransactionOpenedWith(pool, claimStatement({ consumer, eventId: event.id }), async (client, claim) => {
    if (claim.rowCount !== 1) return 'skipped';
    // the append is the step's last write: it rides the commit's message (decision 0046)
    appendToOutboxAtCommit(client, await effects(client));
    return 'handled';
  });
}
