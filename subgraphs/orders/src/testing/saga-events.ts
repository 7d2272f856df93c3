import { paymentCapturedV1, paymentFailedV1 } from '@shopgraph/events/payment-events';
import { stockRejectedV1, stockReservedV1 } from '@shopgraph/events/stock-events';
import { newId } from '@shopgraph/service-kit/ids';
import type { Order } from '../domain/order';

// The saga's events about one order, as products and payments would publish them.
export const reserved = (order: Order) =>
  stockReservedV1.create({
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      lines: order.lines.map(({ productId, quantity }, index) => ({
        productId,
        quantity,
        unitPrice: 1_000 + index,
        currency: 'EUR',
      })),
      total: order.lines.reduce((sum, { quantity }, index) => sum + quantity * (1_000 + index), 0),
      currency: 'EUR',
    },
  });
export const rejected = (order: Order) =>
  stockRejectedV1.create({ aggregateId: order.id, payload: { orderId: order.id, reason: 'out_of_stock' } });
export const captured = (order: Order) =>
  paymentCapturedV1.create({
    aggregateId: order.id,
    payload: { orderId: order.id, paymentId: newId(), amount: 4_001, currency: 'EUR' },
  });
export const failed = (order: Order) =>
  paymentFailedV1.create({
    aggregateId: order.id,
    payload: { orderId: order.id, paymentId: newId(), reason: 'card_declined' },
  });
