/**
 * What payments has learnt about one order's payment, from whichever saga event came first
 * (decision 0021): order.placed brings the customer and the card token, stock.reserved the
 * priced total, and stock.rejected or order.cancelled close the request. A closed request with
 * nothing else is a tombstone: an order.placed or stock.reserved arriving after it charges nothing.
 */
export interface PaymentRequest {
  readonly customerId: string | null;
  readonly token: string | null;
  /** Minor units; null until stock.reserved. */
  readonly amount: number | null;
  readonly currency: string | null;
  readonly state: 'open' | 'closed';
}

/** The charge a request makes due: everything a PENDING payment and its charge need. */
export interface DueCharge {
  readonly customerId: string;
  readonly amount: number;
  readonly currency: string;
}

/**
 * The charge the request makes due once both order.placed and stock.reserved are known, in
 * either order; undefined while one is missing or once the request is closed. Opening the
 * payment is idempotent (one per order), so asking again after a duplicate event is harmless.
 */
export function dueCharge(request: PaymentRequest): DueCharge | undefined {
  const { state, customerId, token, amount, currency } = request;
  if (state === 'closed' || customerId === null || token === null) return undefined;
  if (amount === null || currency === null) return undefined;
  return { customerId, amount, currency };
}
