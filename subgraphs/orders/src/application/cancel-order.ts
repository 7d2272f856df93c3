import { orderCancelledV1 } from '@shopgraph/events/order-events';
import { notFound } from '@shopgraph/service-kit/app-error';
import { parseId } from '@shopgraph/service-kit/ids';
import { requireSelfOrAdmin, requireUser } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { Order } from '../domain/order';
import { cancel } from '../domain/order-lifecycle';
import { changed, logEntry, unchanged } from './order-changes';
import type { OrderChange, OrderStore } from './ports';

export interface CancelOrderDeps {
  readonly orders: OrderStore;
  /** Default: the system clock. */
  readonly now?: () => Date;
}

export type CancelOrder = (identity: Identity, rawId: string) => Promise<Order>;

/**
 * `cancelOrder`: its customer or an ADMIN, like `order(id)` (another customer's order is
 * FORBIDDEN); a mutation must return an order, so an unknown ID is NOT_FOUND rather than null.
 * Cancelling a CANCELLED order returns it as it is, so a retried call is harmless.
 */
export function cancelOrder({ orders, now = () => new Date() }: CancelOrderDeps): CancelOrder {
  return async (identity, rawId) => {
    const id = parseId(rawId, 'id');
    requireUser(identity);
    return orders.change(id, (order) => decideCancel({ identity, order, at: now() }));
  };
}

function decideCancel({
  identity,
  order,
  at,
}: {
  identity: Identity;
  order: Order | undefined;
  at: Date;
}): OrderChange {
  if (order === undefined) throw notFound('There is no order with this id.');
  requireSelfOrAdmin(identity, order.customerId);
  if (order.status === 'CANCELLED') return unchanged(order);
  // the state machine refuses a CONFIRMED order with CONFLICT
  const cancelled = cancel(order, 'cancelled_by_customer', at);
  const event = orderCancelledV1.create({
    aggregateId: order.id,
    occurredAt: at,
    payload: { orderId: order.id, reason: 'cancelled_by_customer' },
  });
  return changed(cancelled, { events: [event], log: [logEntry(order, event, 'CANCELLED')] });
}
