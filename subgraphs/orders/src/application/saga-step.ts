import type { EventOf } from '@shopgraph/events/define-event';
import { orderCancelledV1, orderConfirmedV1 } from '@shopgraph/events/order-events';
import { paymentCapturedV1, paymentFailedV1 } from '@shopgraph/events/payment-events';
import { stockRejectedV1, stockRejectedV2, stockReservedV1 } from '@shopgraph/events/stock-events';
import type { Order } from '../domain/order';
import type { OrderEventType, OrderLogEntry } from '../domain/order-event-log';
import { stockRejectionReason } from '../domain/order-lifecycle';
import { applySagaFact } from '../domain/saga-facts';
import type { SagaFact } from '../domain/saga-facts';
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

/** What a saga step did: the change to store, and why it changed nothing when the fact was late. */
export interface SagaStepResult {
  readonly change: OrderChange;
  /** Set when the event was a late fact the order explains and ignores (decision 0021). */
  readonly late: string | undefined;
}

function factOf(event: SagaEvent): SagaFact {
  switch (event.type) {
    case 'stock.reserved':
      return {
        kind: 'stock_reserved',
        prices: event.payload.lines.map(({ productId, unitPrice, currency }) => ({
          productId,
          unitPrice: { amount: unitPrice, currency },
        })),
      };
    case 'stock.rejected':
      return { kind: 'stock_rejected', reason: stockRejectionReason(event.payload.reason) };
    case 'payment.captured':
      return { kind: 'payment_captured' };
    case 'payment.failed':
      return { kind: 'payment_failed', reason: event.payload.reason };
  }
}

/**
 * What one saga event does to its (locked) order, in any arrival order: the domain applies the
 * fact (saga-facts.ts), and this records the event in the order's log and publishes what the
 * order announces. A late fact only logs the event: a CANCELLED order's compensations run on
 * the `order.cancelled` products and payments already got (release the stock, refund a capture).
 * The state machine still throws CONFLICT for an event it can never accept (a line unpriced).
 */
export function sagaStep({ order, event, at }: { order: Order; event: SagaEvent; at: Date }): SagaStepResult {
  const consumed = logEntry(order, event, LOGGED_AS[event.type]);
  const outcome = applySagaFact(order, factOf(event), at);
  if (outcome.kind === 'late') return { change: unchanged(order, [consumed]), late: outcome.why };
  return { change: announced(outcome.order, { announce: outcome.announce, at, log: [consumed] }), late: undefined };
}

/**
 * The change of an order that moved, with the event it announces (`order.confirmed` or
 * `order.cancelled`) and its log row. Shared by the settle deadline sweeper.
 */
export function announced(
  order: Order,
  { announce, at, log }: { announce: 'confirmed' | 'cancelled' | 'none'; at: Date; log: readonly OrderLogEntry[] },
): OrderChange {
  if (announce === 'none') return changed(order, { log });
  const event =
    announce === 'confirmed'
      ? orderConfirmedV1.create({ aggregateId: order.id, occurredAt: at, payload: { orderId: order.id } })
      : orderCancelledV1.create({
          aggregateId: order.id,
          occurredAt: at,
          payload: { orderId: order.id, reason: order.cancellationReason ?? 'cancelled' },
        });
  return changed(order, {
    events: [event],
    log: [...log, logEntry(order, event, announce === 'confirmed' ? 'CONFIRMED' : 'CANCELLED')],
  });
}
