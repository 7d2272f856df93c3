import type { EventEnvelope } from '@shopgraph/events/envelope';
import type { OrderChange, OrderStore, OrderToPlace, PlacementOutcome } from '../../application/ports';
import type { Order } from '../../domain/order';
import type { OrderLogEntry } from '../../domain/order-event-log';
import type { InMemoryOrderRepository } from './in-memory-order-repository';

/**
 * The OrderStore port over an in-memory repository, for unit tests. JavaScript runs each
 * method up to its end without interleaving, which stands in for the transaction; the real
 * store's concurrency is proven against PostgreSQL (pg-order-store.int.test.ts).
 */
export class InMemoryOrderStore implements OrderStore {
  /** Every event the store would have appended to the outbox, in order. */
  readonly outbox: EventEnvelope[] = [];
  /** The order event log, in order. */
  readonly log: OrderLogEntry[] = [];
  private readonly placements = new Map<string, { readonly orderId: string; readonly fingerprint: string }>();

  constructor(private readonly orders: InMemoryOrderRepository) {}

  async place(toPlace: OrderToPlace): Promise<PlacementOutcome> {
    const key = JSON.stringify([toPlace.order.customerId, toPlace.idempotencyKey]);
    const earlier = this.placements.get(key);
    if (earlier !== undefined) {
      const order = this.orders.get(earlier.orderId);
      if (earlier.fingerprint !== toPlace.fingerprint || order === undefined) return { kind: 'conflict' };
      return { kind: 'replayed', order };
    }
    this.placements.set(key, { orderId: toPlace.order.id, fingerprint: toPlace.fingerprint });
    this.store({ ...toPlace, changed: true });
    return { kind: 'placed', order: toPlace.order };
  }

  async change(orderId: string, decide: (order: Order | undefined) => OrderChange): Promise<Order> {
    const change = decide(this.orders.get(orderId));
    this.store(change);
    return change.order;
  }

  private store(change: OrderChange): void {
    if (change.changed) this.orders.add([change.order]);
    this.log.push(...change.log);
    this.outbox.push(...change.events);
  }
}
