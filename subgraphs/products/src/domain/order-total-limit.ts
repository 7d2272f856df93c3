/**
 * The most one order may cost, in minor units of its currency: 99,999,999 (999,999.99 EUR).
 * It is the per-charge limit of common card processors, so an order above it could never be
 * paid in one charge. Products refuses to reserve such an order (`stock.rejected`, reason
 * `total_over_limit`), and orders cancels it with that reason (decision 0022). It also keeps
 * every stored total far inside the 64-bit columns and the `MinorUnits` scalar.
 */
export const MAX_ORDER_TOTAL = 99_999_999;

/** Whether an order of this total (minor units) can be taken. */
export const isWithinOrderLimit = (total: number): boolean => total <= MAX_ORDER_TOTAL;
