/** Where an order is in its life; transitions between them are the order's own rules. */
export const ORDER_STATUSES = ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** An amount in minor units (cents) of one currency: no float ever holds a price. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** One product line; the product is another service's, so it is held by ID only. */
export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
  /** The price when the order was placed; null until the products service has priced it. */
  readonly unitPrice: Money | null;
}

/** The order aggregate: its lines are read and changed only together with it. */
export interface Order {
  readonly id: string;
  /** A users-service user ID. */
  readonly customerId: string;
  readonly status: OrderStatus;
  /** In the order the customer listed them. */
  readonly lines: readonly OrderLine[];
  /** Null until every line is priced. */
  readonly total: Money | null;
  readonly cancellationReason: string | null;
  /**
   * Present when a payment.captured came before stock.reserved: the order held it while still
   * PENDING, and was confirmed as soon as its stock was reserved (decision 0021).
   */
  readonly paymentCaptured?: true;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

/** unitPrice × quantity, or null while the line is unpriced. */
export function lineTotal(line: OrderLine): Money | null {
  if (line.unitPrice === null) return null;
  return { amount: line.unitPrice.amount * line.quantity, currency: line.unitPrice.currency };
}
