import { describe, expect, it } from 'vitest';
import { aLine } from '../testing/order-mother';
import { isOrderStatus, lineTotal } from './order';

describe('order rules', () => {
  it('prices a line as unit price times quantity, in the unit price currency', () => {
    expect(lineTotal(aLine({ quantity: 3, unitPrice: { amount: 1_999, currency: 'USD' } }))).toEqual({
      amount: 5_997,
      currency: 'USD',
    });
  });

  it('leaves the line total unknown while the line is unpriced', () => {
    expect(lineTotal(aLine({ quantity: 3, unitPrice: null }))).toBeNull();
  });

  it('knows the four statuses of the API and nothing else', () => {
    expect(['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'CANCELLED'].every(isOrderStatus)).toBe(true);
    expect(isOrderStatus('SHIPPED')).toBe(false);
    expect(isOrderStatus('confirmed')).toBe(false);
  });
});
