import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { appendToOutboxAtCommit } from '@shopgraph/outbox/append-to-outbox';
import { inTransaction } from '@shopgraph/outbox/in-transaction';
import type { OrderChange, OrderStore, OrderToPlace, PlacementOutcome } from '../../application/ports';
import type { Order } from '../../domain/order';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { recordOrderLog } from './order-event-log-sql';
import { findPlacement, insertPlacedOrder, lockOrder, saveOrderState } from './order-store-sql';
import type { TransactionClient } from './order-store-sql';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Stores the order's state (changed from `before`, the row as locked) and has the change's own
 * events, then its log rows and their `order.event-recorded` announcements, written in the
 * commit's message (decision 0046): after the row lock, which orders the aggregate's events
 * (0014), the log statement last. Returns the change's events, already appended: the caller
 * appends nothing more. Shared with the saga consumer and the deadline sweeper.
 */
export async function storeOrderChange(
  client: TransactionClient,
  change: OrderChange,
  before: Order | undefined,
): Promise<readonly EventEnvelope[]> {
  if (change.changed) await saveOrderState(client, change.order, before);
  appendToOutboxAtCommit(client, change.events);
  recordOrderLog(client, change.log);
  return change.events;
}

/** The OrderStore port on PostgreSQL: each method one transaction on the service's pool. */
export class PgOrderStore implements OrderStore {
  constructor(private readonly pool: Pool) {}

  place(toPlace: OrderToPlace): Promise<PlacementOutcome> {
    return inTransaction(this.pool, (client) => placeIn(client, toPlace));
  }

  change(orderId: string, decide: (order: Order | undefined) => OrderChange): Promise<Order> {
    return inTransaction(this.pool, async (client) => {
      const before = await lockOrder(client, orderId);
      const change = decide(before);
      await storeOrderChange(client, change, before);
      return change.order;
    });
  }
}

// The insert either wins the key or waits for the transaction that holds it, then does
// nothing: the winner has committed by then, so this statement's snapshot can read it back.
async function placeIn(client: TransactionClient, toPlace: OrderToPlace): Promise<PlacementOutcome> {
  const { order, idempotencyKey } = toPlace;
  const requestHash = sha256(toPlace.fingerprint);
  if (await insertPlacedOrder(client, { order, idempotencyKey, requestHash })) {
    // the insert wrote the order's state: what is left is its log and events
    const placed = { order, changed: false, events: toPlace.events, log: toPlace.log };
    await storeOrderChange(client, placed, undefined);
    return { kind: 'placed', order };
  }
  const earlier = await findPlacement(client, { customerId: order.customerId, idempotencyKey });
  if (earlier === undefined) throw new Error(`placement of key ${idempotencyKey} lost and then vanished`);
  if (earlier.requestHash !== requestHash) return { kind: 'conflict' };
  return { kind: 'replayed', order: earlier.order };
}
