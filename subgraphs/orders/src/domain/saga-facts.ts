import type { Order } from './order';
import { awaitPayment, cancel, confirm } from './order-lifecycle';
import type { CancellationReason, PricedLine } from './order-lifecycle';

/**
 * What the saga tells an order, in whatever order it arrives (decision 0021): events of
 * different services race each other, and any of them may come twice or late.
 */
export type SagaFact =
  | { readonly kind: 'stock_reserved'; readonly prices: readonly PricedLine[] }
  | { readonly kind: 'stock_rejected'; readonly reason: CancellationReason }
  | { readonly kind: 'payment_captured' }
  | { readonly kind: 'payment_failed'; readonly reason: CancellationReason }
  /** The order was still unsettled when its settle deadline ran out. */
  | { readonly kind: 'settle_deadline_passed' };

/** What the order announces after a fact: `order.confirmed`, `order.cancelled`, or nothing. */
export type Announcement = 'confirmed' | 'cancelled' | 'none';

/**
 * A fact either changes the order (its state machine decided a move, or it holds a capture for
 * later), or is a late fact: one the order can explain and ignore (a repeat, or a fact about an
 * order that reached a final state first). A late fact is never an error.
 */
export type FactOutcome =
  | { readonly kind: 'changed'; readonly order: Order; readonly announce: Announcement }
  | { readonly kind: 'late'; readonly why: string };

const late = (why: string): FactOutcome => ({ kind: 'late', why });
const changed = (order: Order, announce: Announcement = 'none'): FactOutcome => ({ kind: 'changed', order, announce });

/**
 * Applies one saga fact to an order. The state machine (order-lifecycle.ts) still makes every
 * status change; this decides which change a fact asks for, given what the order already knows.
 */
export function applySagaFact(order: Order, fact: SagaFact, at: Date): FactOutcome {
  if (order.status === 'CONFIRMED' || order.status === 'CANCELLED') {
    // a CANCELLED order's compensations run on its order.cancelled (stock released, capture refunded)
    return late(`the order is ${order.status} already`);
  }
  switch (fact.kind) {
    case 'stock_reserved':
      return stockReserved(order, fact.prices, at);
    case 'payment_captured':
      return paymentCaptured(order, at);
    case 'stock_rejected':
    case 'payment_failed':
      return changed(cancel(order, fact.reason, at), 'cancelled');
    case 'settle_deadline_passed':
      return changed(cancel(order, 'settle_deadline', at), 'cancelled');
  }
}

function stockReserved(order: Order, prices: readonly PricedLine[], at: Date): FactOutcome {
  if (order.status !== 'PENDING') return late('its stock was reserved already');
  const awaiting = awaitPayment(order, prices, at);
  if (!order.paymentCaptured) return changed(awaiting);
  // the capture came first and was held: both facts are known now
  return changed(confirm(awaiting, at), 'confirmed');
}

function paymentCaptured(order: Order, at: Date): FactOutcome {
  if (order.status === 'AWAITING_PAYMENT') return changed(confirm(order, at), 'confirmed');
  if (order.paymentCaptured) return late('its capture is held already');
  // payments charged on a stock.reserved that orders has not heard yet: hold it until then
  return changed({ ...order, paymentCaptured: true, updatedAt: at });
}
