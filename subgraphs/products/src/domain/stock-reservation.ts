import type { Money } from './money';
import { isWithinOrderLimit } from './order-total-limit';

/** One line of a placed order: how many units of which product. */
export interface RequestedLine {
  readonly productId: string;
  readonly quantity: number;
}

/** What a reservation needs to know of a product, read under its row lock. */
export interface StockedProduct {
  readonly id: string;
  readonly price: Money;
  /** Units available now. */
  readonly stock: number;
}

/** A line held for the order, priced at the product's price when it was reserved. */
export interface ReservedLine {
  readonly productId: string;
  readonly quantity: number;
  /** Minor units of `currency`. */
  readonly unitPrice: number;
  readonly currency: string;
}

export type RejectionReason = 'unknown_product' | 'mixed_currency' | 'total_over_limit' | 'out_of_stock';

/** All or nothing: every line is reserved, or the order is refused for one reason. */
export type ReservationDecision =
  | {
      readonly kind: 'reserve';
      /** In the order's line order. */
      readonly lines: readonly ReservedLine[];
      /** Σ unitPrice × quantity, in minor units of `currency`. */
      readonly total: number;
      readonly currency: string;
    }
  | { readonly kind: 'reject'; readonly reason: RejectionReason };

/**
 * Lines naming the same product become one, at its first position: a reservation is one row per
 * (order, product). The orders service refuses such orders already; this keeps a stray one from
 * failing forever on that key instead of being answered.
 */
export function mergeLines(lines: readonly RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, number>();
  for (const { productId, quantity } of lines) merged.set(productId, (merged.get(productId) ?? 0) + quantity);
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}

/**
 * Decides whether an order's lines can all be reserved from `products` (the current state of
 * every product the order names that exists). The reasons are checked in this order: a product
 * that does not exist, prices in more than one currency (one order is charged in one
 * currency), a total above MAX_ORDER_TOTAL (no stock could ever make that order acceptable),
 * then too little stock for any line.
 */
export function decideReservation(
  requested: readonly RequestedLine[],
  products: readonly StockedProduct[],
): ReservationDecision {
  const lines = mergeLines(requested);
  const byId = new Map(products.map((product) => [product.id, product]));
  const found = lines.flatMap((line) => {
    const product = byId.get(line.productId);
    return product ? [{ line, product }] : [];
  });
  if (found.length < lines.length) return { kind: 'reject', reason: 'unknown_product' };
  const currencies = new Set(found.map(({ product }) => product.price.currency));
  const [currency] = currencies;
  // no currency at all means no line, which the contract forbids: nothing could be charged
  if (currency === undefined || currencies.size > 1) return { kind: 'reject', reason: 'mixed_currency' };
  const reserved = found.map(({ line, product }) => ({
    productId: line.productId,
    quantity: line.quantity,
    unitPrice: product.price.amount,
    currency,
  }));
  const total = reserved.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  if (!isWithinOrderLimit(total)) return { kind: 'reject', reason: 'total_over_limit' };
  if (found.some(({ line, product }) => product.stock < line.quantity))
    return { kind: 'reject', reason: 'out_of_stock' };
  return { kind: 'reserve', lines: reserved, total, currency };
}
