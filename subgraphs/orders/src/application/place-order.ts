import { orderPlacedV1 } from '@shopgraph/events/order-events';
import { conflict } from '@shopgraph/service-kit/app-error';
import { newId } from '@shopgraph/service-kit/ids';
import { requireUser } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { Order } from '../domain/order';
import { place } from '../domain/order-lifecycle';
import { placementFingerprint, validatePlacement } from '../domain/order-placement';
import type { PlaceOrderRequest } from '../domain/order-placement';
import { logEntry } from './order-changes';
import type { OrderStore } from './ports';

export interface PlaceOrderDeps {
  readonly orders: OrderStore;
  /** Default: the system clock. */
  readonly now?: () => Date;
}

export type PlaceOrder = (identity: Identity, request: PlaceOrderRequest) => Promise<Order>;

/**
 * `placeOrder`: a signed-in customer's valid request becomes a PENDING order and an
 * `order.placed` event in one transaction; the saga does the rest. A retry with the same key
 * and input gets the same order back, and no second event.
 */
export function placeOrder({ orders, now = () => new Date() }: PlaceOrderDeps): PlaceOrder {
  return async (identity, request) => {
    const { userId } = requireUser(identity);
    const placement = validatePlacement(request);
    const at = now();
    const order = place({ id: newId(), customerId: userId, lines: placement.lines, at });
    const placed = orderPlacedV1.create({
      aggregateId: order.id,
      occurredAt: at,
      payload: {
        orderId: order.id,
        customerId: userId,
        lines: [...placement.lines],
        paymentToken: placement.paymentToken,
      },
    });
    const outcome = await orders.place({
      order,
      events: [placed],
      log: [logEntry(order, placed, 'PLACED')],
      idempotencyKey: placement.idempotencyKey,
      fingerprint: placementFingerprint(placement),
    });
    if (outcome.kind === 'conflict') {
      throw conflict('idempotencyKey was already used for a different order: send a new key for a new order.');
    }
    return outcome.order;
  };
}
