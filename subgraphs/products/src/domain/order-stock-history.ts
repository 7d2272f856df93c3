/** What products already knows of an order when its order.placed arrives. */
export interface OrderStockHistory {
  /** An order.cancelled came first (or the placement is a late repeat after one): a tombstone. */
  readonly cancelled: boolean;
  /** Stock was reserved (in any state since) by an earlier delivery of order.placed. */
  readonly reserved: boolean;
}

/** What to do with an order.placed: reserve its lines, or ignore it, saying why. */
export type PlacementStep = { readonly kind: 'reserve' } | { readonly kind: 'ignore'; readonly why: string };

/**
 * Events reach products in any order (decision 0021): an order.placed is only worth reserving
 * for when the order was never cancelled and nothing was reserved for it yet. A late one is
 * ignored, never refused: its order ended, or its stock is held already.
 */
export function placementStep({ cancelled, reserved }: OrderStockHistory): PlacementStep {
  if (cancelled) return { kind: 'ignore', why: 'the order was cancelled first' };
  if (reserved) return { kind: 'ignore', why: 'its stock was reserved already' };
  return { kind: 'reserve' };
}
