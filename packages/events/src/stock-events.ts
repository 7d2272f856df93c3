import { z } from 'zod';
import { currencyCode, entityId, minorUnits, quantity } from './contract-fields';
import { defineEvent } from './define-event';

/** Products reserved every line of an order, at these prices. */
export const stockReservedV1 = defineEvent({
  type: 'stock.reserved',
  version: 1,
  payload: z.object({
    orderId: entityId,
    lines: z.array(z.object({ productId: entityId, quantity, unitPrice: minorUnits, currency: currencyCode })).min(1),
    total: minorUnits,
    currency: currencyCode,
  }),
});

/** Products refused the whole order: an unknown product, too little stock, or prices in several currencies. */
export const stockRejectedV1 = defineEvent({
  type: 'stock.rejected',
  version: 1,
  payload: z.object({ orderId: entityId, reason: z.enum(['out_of_stock', 'unknown_product', 'mixed_currency']) }),
});

/**
 * Version 2 adds `total_over_limit` (the order's total is above the shop's maximum, decision
 * 0022). The reason is free text from this version on, like `order.cancelled`'s, so a later
 * cause is not a breaking change again; the known ones are listed in STOCK_REJECTION_REASONS.
 * Products publishes only v2; readers read v1 too, for events published before the change.
 */
export const stockRejectedV2 = defineEvent({
  type: 'stock.rejected',
  version: 2,
  payload: z.object({ orderId: entityId, reason: z.string().min(1) }),
});

/** The reasons products gives today for refusing an order (v2's reason may carry others later). */
export const STOCK_REJECTION_REASONS = [
  'out_of_stock',
  'unknown_product',
  'mixed_currency',
  'total_over_limit',
] as const;

/**
 * A reservation was given back. `productIds` (added later, optional) names the products whose
 * stock grew, so a cache of them can drop exactly those; a reader of an event without it must
 * assume any product changed.
 */
export const stockReleasedV1 = defineEvent({
  type: 'stock.released',
  version: 1,
  payload: z.object({ orderId: entityId, productIds: z.array(entityId).optional() }),
});

/** An administrator added units to one product's stock (`restockProduct`). The aggregate is the product. */
export const stockRestockedV1 = defineEvent({
  type: 'stock.restocked',
  version: 1,
  payload: z.object({ productId: entityId, quantity, stock: z.number().int().min(0) }),
});
