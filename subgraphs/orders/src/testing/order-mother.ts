import { newId } from '@shopgraph/service-kit/ids';
import type { Order, OrderLine } from '../domain/order';

// Test data builders ("object mothers"): a valid order unless a test says otherwise.

export const aLine = (overrides: Partial<OrderLine> = {}): OrderLine => ({
  productId: newId(),
  quantity: 1,
  unitPrice: { amount: 1_000, currency: 'EUR' },
  ...overrides,
});

export function anOrder(overrides: Partial<Order> = {}): Order {
  const createdAt = overrides.createdAt ?? new Date('2026-03-01T12:00:00.000Z');
  const lines = overrides.lines ?? [aLine({ quantity: 2 }), aLine({ unitPrice: { amount: 499, currency: 'EUR' } })];
  return {
    id: newId(),
    customerId: newId(),
    status: 'CONFIRMED',
    lines,
    total: { amount: 2_499, currency: 'EUR' },
    cancellationReason: null,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** An order as placed, before the products service priced it. */
export const anUnpricedOrder = (overrides: Partial<Order> = {}): Order =>
  anOrder({ status: 'PENDING', total: null, lines: [aLine({ unitPrice: null, quantity: 3 })], ...overrides });
