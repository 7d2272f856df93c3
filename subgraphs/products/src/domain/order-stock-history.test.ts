import { describe, expect, it } from 'vitest';
import { placementStep } from './order-stock-history';

describe('an order.placed arriving at products', () => {
  it('reserves for an order it has heard nothing else about', () => {
    expect(placementStep({ cancelled: false, reserved: false })).toEqual({ kind: 'reserve' });
  });

  it('reserves nothing for an order whose order.cancelled came first', () => {
    expect(placementStep({ cancelled: true, reserved: false })).toEqual({
      kind: 'ignore',
      why: 'the order was cancelled first',
    });
  });

  it('reserves nothing twice for a repeated placement', () => {
    expect(placementStep({ cancelled: false, reserved: true })).toEqual({
      kind: 'ignore',
      why: 'its stock was reserved already',
    });
  });
});
