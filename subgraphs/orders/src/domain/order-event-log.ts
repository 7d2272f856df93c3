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
