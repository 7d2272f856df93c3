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

/** The facts of an order's life that clients follow live (API.md, `OrderEventType`). */
export const ORDER_EVENT_TYPES = [
  'PLACED',
  'STOCK_RESERVED',
  'STOCK_REJECTED',
  'PAYMENT_CAPTURED',
  'PAYMENT_FAILED',
  'CONFIRMED',
  'CANCELLED',
] as const;

/**
 * Orders recorded one fact in its order event log (committed with the change it describes).
 * Published so that every replica of orders can push it to its live subscribers.
 */
export const orderEventRecordedV1 = defineEvent({
  type: 'order.event-recorded',
  version: 1,
  payload: z.object({
    orderId: entityId,
    customerId: entityId,
    /** The log entry's ID: what clients see as `OrderEvent.id` and pass back as `after`. */
    orderEventId: entityId,
    /** The log's order, increasing: where a replay from the log ends and the live feed takes over. */
    sequence: z.number().int().positive(),
    orderEventType: z.enum(ORDER_EVENT_TYPES),
  }),
});
