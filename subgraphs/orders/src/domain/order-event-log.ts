/** What can happen to an order, as its event log (and the `OrderEventType` of the API) names it. */
export const ORDER_EVENT_TYPES = [
  'PLACED',
  'STOCK_RESERVED',
  'STOCK_REJECTED',
  'PAYMENT_CAPTURED',
  'PAYMENT_FAILED',
  'CONFIRMED',
  'CANCELLED',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

/** One row of an order's event log: what live subscriptions stream, in the order it was written. */
export interface OrderLogEntry {
  /** The ID of the event the row records: one orders consumed, or one it published. */
  readonly id: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly type: OrderEventType;
  readonly occurredAt: Date;
}

/** A row as the log stored it: its `sequence` orders every order's events, one stream for the whole shop. */
export interface RecordedOrderEvent extends OrderLogEntry {
  readonly sequence: number;
}

/** Whose events a subscription follows. */
export type OrderEventScope =
  | { readonly kind: 'order'; readonly orderId: string }
  | { readonly kind: 'customer'; readonly customerId: string }
  | { readonly kind: 'all' };

export function inScope(scope: OrderEventScope, event: Pick<OrderLogEntry, 'orderId' | 'customerId'>): boolean {
  switch (scope.kind) {
    case 'order':
      return event.orderId === scope.orderId;
    case 'customer':
      return event.customerId === scope.customerId;
    case 'all':
      return true;
  }
}
