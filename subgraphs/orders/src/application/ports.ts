import type { EventEnvelope } from '@shopgraph/events/envelope';
import type { Page, PageWindow } from '@shopgraph/service-kit/pagination';
import type { Order } from '../domain/order';
import type { OrderEventScope, OrderLogEntry, RecordedOrderEvent } from '../domain/order-event-log';

/** One page of a customer's orders, newest first. */
export interface CustomerOrdersQuery {
  readonly customerId: string;
  /** Size (already checked to be 1..100), direction and cursor. */
  readonly window: PageWindow;
}

export interface OrderRepository {
  /** One statement for any number of IDs, each order with its lines; missing IDs are simply absent. */
  findByIds(ids: readonly string[]): Promise<Order[]>;
  /**
   * One statement: the page (createdAt DESC, id DESC), each order's lines and the count
   * of all the customer's orders, so a connection never costs a query per order.
   */
  pageOfCustomer(query: CustomerOrdersQuery): Promise<Page<Order>>;
}

/** A decision about one order: its new state, the rows of its event log and the events it publishes. */
export interface OrderChange {
  /** The order as it is now: changed, or as it was. */
  readonly order: Order;
  /** False when the order's state stays as it is (its log may still grow). */
  readonly changed: boolean;
  /** Appended to the outbox after the state is stored, in this order. */
  readonly events: readonly EventEnvelope[];
  /** Appended to the order's event log, in this order. */
  readonly log: readonly OrderLogEntry[];
}

/** A new order and what placing it records; `changed` is true by nature. */
export interface OrderToPlace extends Omit<OrderChange, 'changed'> {
  readonly idempotencyKey: string;
  /** The normalised input (placementFingerprint): the store keeps its hash next to the key. */
  readonly fingerprint: string;
}

/** How a placement ended: a new order, the order an earlier call with the key made, or a clash. */
export type PlacementOutcome =
  | { readonly kind: 'placed' | 'replayed'; readonly order: Order }
  | { readonly kind: 'conflict' };

/** Writes orders; every method is one transaction, so a state change and its events commit together. */
export interface OrderStore {
  /**
   * Stores the order, its lines, its events and its log rows, unless this customer already
   * used the key: then nothing is written, and the earlier order is `replayed` when its input
   * had the same fingerprint, a `conflict` otherwise. Safe under concurrent calls with one key.
   */
  place(order: OrderToPlace): Promise<PlacementOutcome>;
  /**
   * Locks the order's row, lets `decide` judge it (undefined: no such order) and stores the
   * change it returns; returns the order as stored. What `decide` throws rolls everything back.
   */
  change(orderId: string, decide: (order: Order | undefined) => OrderChange): Promise<Order>;
}

/** The order event log as subscriptions read it (written by the OrderStore, with each change). */
export interface OrderEventLog {
  /** The row with this event ID; undefined when there is none (never written, or past retention). */
  find(eventId: string): Promise<RecordedOrderEvent | undefined>;
  /** Up to `limit` rows of the scope with a sequence above `afterSequence`, in sequence order. */
  readAfter(query: {
    readonly scope: OrderEventScope;
    readonly afterSequence: number;
    readonly limit: number;
  }): Promise<RecordedOrderEvent[]>;
  /** Deletes up to `limit` rows that occurred before `cutoff`, oldest first; returns how many. */
  deleteBefore(cutoff: Date, limit: number): Promise<number>;
}

/** One live subscription's queue of events, filled from the moment it is opened. */
export interface LiveOrderStream {
  /** The next event; undefined once closed. Rejects when the stream fell too far behind. */
  next(): Promise<RecordedOrderEvent | undefined>;
  close(): void;
}

/** Events committed to the log, as this process hears them from the bus. */
export interface LiveOrderEvents {
  open(scope: OrderEventScope): LiveOrderStream;
}
