import { describe, expect, it } from 'vitest';
import { awaitPayment, canMove, cancel, confirm, place, stockRejectionReason } from './order-lifecycle';
import type { Order } from './order';

const at = new Date('2026-11-22T12:00:00.000Z');
const pending = (): Order => ({
  id: 'o1',
  customerId: 'c1',
  status: 'PENDING',
  lines: [
    { productId: 'p1', quantity: 2, unitPrice: null },
    { productId: 'p2', quantity: 1, unitPrice: null },
  ],
  total: null,
  cancellationReason: null,
  createdAt: new Date('2026-11-22T11:00:00.000Z'),
  updatedAt: new Date('2026-11-22T11:00:00.000Z'),
});
const prices = [
  { productId: 'p1', unitPrice: { amount: 1_250, currency: 'EUR' } },
  { productId: 'p2', unitPrice: { amount: 999, currency: 'EUR' } },
];

describe('the order lifecycle', () => {
  it('places a new order PENDING, unpriced, with its lines in the order given', () => {
    const lines = [
      { productId: 'p2', quantity: 1 },
      { productId: 'p1', quantity: 2 },
    ];
    expect(place({ id: 'o1', customerId: 'c1', lines, at })).toEqual({
      id: 'o1',
      customerId: 'c1',
      status: 'PENDING',
      lines: [
        { productId: 'p2', quantity: 1, unitPrice: null },
        { productId: 'p1', quantity: 2, unitPrice: null },
      ],
      total: null,
      cancellationReason: null,
      createdAt: at,
      updatedAt: at,
    });
  });

  it('prices every line and totals the order when stock is reserved', () => {
    const order = awaitPayment(pending(), prices, at);
    expect(order.status).toBe('AWAITING_PAYMENT');
    expect(order.lines.map((line) => line.unitPrice?.amount)).toEqual([1_250, 999]);
    expect(order.total).toEqual({ amount: 3_499, currency: 'EUR' });
    expect(order.updatedAt).toEqual(at);
  });

  it('confirms an order awaiting payment, and never a pending one', () => {
    expect(confirm(awaitPayment(pending(), prices, at), at).status).toBe('CONFIRMED');
    expect(() => confirm(pending(), at)).toThrow(/PENDING cannot become CONFIRMED/);
  });

  it('cancels a pending or awaiting order with its reason', () => {
    expect(cancel(pending(), 'out_of_stock', at)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'out_of_stock',
    });
    const awaiting = awaitPayment(pending(), prices, at);
    expect(cancel(awaiting, 'card_declined', at)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'card_declined',
    });
  });

  it('cancels with the stock rejection reason it knows, total_over_limit included, and stock_rejected for any other', () => {
    expect(stockRejectionReason('total_over_limit')).toBe('total_over_limit');
    expect(stockRejectionReason('out_of_stock')).toBe('out_of_stock');
    expect(stockRejectionReason('a_reason_added_later')).toBe('stock_rejected');
    expect(cancel(pending(), stockRejectionReason('total_over_limit'), at).cancellationReason).toBe('total_over_limit');
  });

  it('treats CONFIRMED and CANCELLED as final', () => {
    const confirmed = confirm(awaitPayment(pending(), prices, at), at);
    expect(() => cancel(confirmed, 'cancelled_by_customer', at)).toThrow(/CONFIRMED cannot become CANCELLED/);
    const cancelled = cancel(pending(), 'payment_timeout', at);
    expect(() => awaitPayment(cancelled, prices, at)).toThrow(/CANCELLED cannot become AWAITING_PAYMENT/);
    expect(() => cancel(cancelled, 'out_of_stock', at)).toThrow(/CANCELLED cannot become CANCELLED/);
  });

  it('refuses to await payment with a line left unpriced or with mixed currencies', () => {
    expect(() => awaitPayment(pending(), prices.slice(0, 1), at)).toThrow(/No price for product p2/);
    const mixed = [prices[0], { productId: 'p2', unitPrice: { amount: 1, currency: 'USD' } }].filter(
      (p) => p !== undefined,
    );
    expect(() => awaitPayment(pending(), mixed, at)).toThrow(/mixes currencies/);
  });

  it.each([
    ['PENDING', 'AWAITING_PAYMENT', true],
    ['PENDING', 'CONFIRMED', false],
    ['AWAITING_PAYMENT', 'PENDING', false],
    ['CONFIRMED', 'CANCELLED', false],
  ] as const)('moves %s → %s: %s', (from, to, allowed) => expect(canMove(from, to)).toBe(allowed));
});
