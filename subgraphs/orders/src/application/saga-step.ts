import type { EventOf } from '@shopgraph/events/define-event';
import { orderCancelledV1, orderConfirmedV1 } from '@shopgraph/events/order-events';
import { paymentCapturedV1, paymentFailedV1 } from '@shopgraph/events/payment-events';
import { stockRejectedV1, stockRejectedV2, stockReservedV1 } from '@shopgraph/events/stock-events';
import type { Order } from '../domain/order';
import type { OrderEventType } from '../domain/order-event-log';
import { awaitPayment, cancel, confirm, stockRejectionReason } from '../domain/order-lifecycle';
import type { CancellationReason } from '../domain/order-lifecycle';
import { changed, logEntry, unchanged } from './order-changes';
import type { OrderChange } from './ports';

/** The events the saga tells orders about, each naming the order in its payload. */
export const SAGA_EVENTS = [
  stockReservedV1,
  stockRejectedV1,
  // v2 can say total_over_limit (decision 0022); v1 is still read for events published before it
  stockRejectedV2,
  paymentCapturedV1,
  paymentFailedV1,
] as const;
export type SagaEvent = EventOf<(typeof SAGA_EVENTS)[number]>;

const LOGGED_AS: Readonly<Record<SagaEvent['type'], OrderEventType>> = {
  'stock.reserved': 'STOCK_RESERVED',
  'stock.rejected': 'STOCK_REJECTED',
  'payment.captured': 'PAYMENT_CAPTURED',
  'payment.failed': 'PAYMENT_FAILED',
};

/**
 * What one saga event does to its (locked) order. Every status change goes through the
 * order's state machine, which throws CONFLICT when it refuses one. An order the customer
 * cancelled meanwhile only logs the event: products and payments compensate on the
 * `order.cancelled` they already got (release the stock, refund a capture).
 */
export function sagaStep({ order, event, at }: { order: Order; event: SagaEvent; at: Date }): OrderChange {
  const consumed = logEntry(order, event, LOGGED_AS[event.type]);
  if (order.status === 'CANCELLED') return unchanged(order, [consumed]);
  switch (event.type) {
    case 'stock.reserved': {
      const prices = event.payload.lines.map(({ productId, unitPrice, currency }) => ({
        productId,
        unitPrice: { amount: unitPrice, currency },
      }));
      return changed(awaitPayment(order, prices, at), { log: [consumed] });
    }
    case 'payment.captured': {
      const confirmed = confirm(order, at);
      const published = orderConfirmedV1.create({
        aggregateId: order.id,
        occurredAt: at,
        payload: { orderId: order.id },
      });
      return changed(confirmed, { events: [published], log: [consumed, logEntry(order, published, 'CONFIRMED')] });
    }
    case 'stock.rejected':
      return cancelled({ order, reason: stockRejectionReason(event.payload.reason), at, consumed });
    case 'payment.failed':
      return cancelled({ order, reason: event.payload.reason, at, consumed });
  }
}

function cancelled(options: {
  order: Order;
  reason: CancellationReason;
  at: Date;
  consumed: OrderChange['log'][number];
}): OrderChange {
  const { order, reason, at, consumed } = options;
  const published = orderCancelledV1.create({
    aggregateId: order.id,
    occurredAt: at,
    payload: { orderId: order.id, reason },
  });
  return changed(cancel(order, reason, at), {
    events: [published],
    log: [consumed, logEntry(order, published, 'CANCELLED')],
  });
}
