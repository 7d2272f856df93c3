import { describe, expect, it } from 'vitest';
import { dueCharge } from './payment-request';
import type { PaymentRequest } from './payment-request';

const placed = { customerId: 'customer-1', token: 'tok_visa' } as const;
const priced = { amount: 4_200, currency: 'EUR' } as const;
const nothing = { customerId: null, token: null, amount: null, currency: null } as const;

const request = (known: Partial<PaymentRequest>): PaymentRequest => ({ ...nothing, state: 'open', ...known });

describe('a payment request', () => {
  it('makes the charge due once order.placed and stock.reserved are both known', () => {
    expect(dueCharge(request({ ...placed, ...priced }))).toEqual({ customerId: 'customer-1', ...priced });
  });

  it('waits for order.placed when stock.reserved came first', () => {
    expect(dueCharge(request(priced))).toBeUndefined();
  });

  it('waits for stock.reserved when order.placed came first', () => {
    expect(dueCharge(request(placed))).toBeUndefined();
  });

  it('never makes a charge due once closed, whatever arrives after the tombstone', () => {
    expect(dueCharge(request({ state: 'closed' }))).toBeUndefined();
    expect(dueCharge(request({ ...placed, ...priced, state: 'closed' }))).toBeUndefined();
  });
});
