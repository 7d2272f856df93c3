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

/** A reservation was given back. */
export const stockReleasedV1 = defineEvent({
  type: 'stock.released',
  version: 1,
  payload: z.object({ orderId: entityId }),
});
