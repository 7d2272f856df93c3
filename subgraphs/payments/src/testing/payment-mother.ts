import { newId } from '@shopgraph/service-kit/ids';
import type { Payment } from '../domain/payment';

/** Test data: a captured payment of a fresh order by a fresh customer, unless told otherwise. */
export function aPayment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: newId(),
    orderId: newId(),
    customerId: newId(),
    amount: { amount: 1_999, currency: 'EUR' },
    status: 'CAPTURED',
    failureReason: undefined,
    createdAt: new Date('2026-11-22T10:15:00.000Z'),
    ...overrides,
  };
}
