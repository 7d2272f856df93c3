import { conflict } from '@shopgraph/service-kit/app-error';
import type { Money, Order, OrderLine, OrderStatus } from './order';

/** Why an order ended CANCELLED: the reasons API.md promises clients. */
export const CANCELLATION_REASONS = [
  'out_of_stock',
  'unknown_product',
  // the lines' products are priced in different currencies, which one payment cannot hold
  'mixed_currency',
  // the total is above the shop's maximum order total (99,999,999 minor units, decision 0022)
  'total_over_limit',
  // products refused the order for a reason this release does not know yet (stock.rejected v2's reason is open)
  'stock_rejected',
  'card_declined',
  'payment_timeout',
  'cancelled_by_customer',
  // still unsettled when ORDER_SETTLE_DEADLINE_MS ran out (decision 0021)
  'settle_deadline',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/** Products' reason for refusing the order, as a cancellation reason; one not known here is `stock_rejected`. */
export function stockRejectionReason(reason: string): CancellationReason {
  const known = (CANCELLATION_REASONS as readonly string[]).includes(reason);
  return known ? (reason as CancellationReason) : 'stock_rejected';
}

/**
 * The order's state machine. PENDING → AWAITING_PAYMENT (stock reserved and lines priced)
 * → CONFIRMED (payment captured); any state but CONFIRMED → CANCELLED with a reason.
 * CONFIRMED and CANCELLED are final.
 */
const ALLOWED: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['AWAITING_PAYMENT', 'CANCELLED'],
  AWAITING_PAYMENT: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: [],
  CANCELLED: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

function move(order: Order, to: OrderStatus, at: Date): Order {
  if (!canMove(order.status, to)) throw conflict(`An order that is ${order.status} cannot become ${to}.`);
  return { ...order, status: to, updatedAt: at };
}

/** What a new order is made of; the lines are already checked (order-placement.ts). */
export interface NewOrder {
  readonly id: string;
  readonly customerId: string;
  readonly lines: readonly { readonly productId: string; readonly quantity: number }[];
  readonly at: Date;
}

/** The order is born PENDING and unpriced: products prices the lines when it reserves them. */
export function place({ id, customerId, lines, at }: NewOrder): Order {
  return {
    id,
    customerId,
    status: 'PENDING',
    lines: lines.map(({ productId, quantity }) => ({ productId, quantity, unitPrice: null })),
    total: null,
    cancellationReason: null,
    createdAt: at,
    updatedAt: at,
  };
}

export interface PricedLine {
  readonly productId: string;
  readonly unitPrice: Money;
}

/** Stock is reserved for every line: the lines take their price snapshot and the order its total. */
export function awaitPayment(order: Order, prices: readonly PricedLine[], at: Date): Order {
  const priceOf = new Map(prices.map((line) => [line.productId, line.unitPrice]));
  const lines: OrderLine[] = order.lines.map((line) => {
    const unitPrice = priceOf.get(line.productId);
    if (!unitPrice) throw conflict(`No price for product ${line.productId} of order ${order.id}.`);
    return { ...line, unitPrice };
  });
  const currencies = new Set(lines.map((line) => line.unitPrice?.currency));
  const [currency] = currencies;
  if (currencies.size !== 1 || currency === undefined) throw conflict(`Order ${order.id} mixes currencies.`);
  const amount = lines.reduce((sum, line) => sum + (line.unitPrice?.amount ?? 0) * line.quantity, 0);
  return { ...move(order, 'AWAITING_PAYMENT', at), lines, total: { amount, currency } };
}

/** The payment was captured. */
export const confirm = (order: Order, at: Date): Order => move(order, 'CONFIRMED', at);

/** Ends the order; a CONFIRMED order cannot be cancelled (it would need a refund flow). */
export function cancel(order: Order, reason: CancellationReason, at: Date): Order {
  return { ...move(order, 'CANCELLED', at), cancellationReason: reason };
}
