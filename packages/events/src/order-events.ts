import { z } from 'zod';
import { entityId, orderedLine } from './contract-fields';
import { defineEvent } from './define-event';

/** A customer placed an order; the saga starts here. */
export const orderPlacedV1 = defineEvent({
  type: 'order.placed',
  version: 1,
  payload: z.object({
    orderId: entityId,
    customerId: entityId,
    lines: z.array(orderedLine).min(1),
    /** The card processor's token for the customer's card, never card data itself. */
    paymentToken: z.string().min(1),
  }),
});

export const orderConfirmedV1 = defineEvent({
  type: 'order.confirmed',
  version: 1,
  payload: z.object({ orderId: entityId }),
});

export const orderCancelledV1 = defineEvent({
  type: 'order.cancelled',
  version: 1,
  payload: z.object({
    orderId: entityId,
    // free text on purpose: new cancellation causes must not be a breaking change for readers
    reason: z.string().min(1),
  }),
});
