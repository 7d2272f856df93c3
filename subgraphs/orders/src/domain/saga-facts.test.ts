import { describe, expect, it } from 'vitest';
import type { Order } from './order';
import { applySagaFact } from './saga-facts';
import type { FactOutcome, SagaFact } from './saga-facts';

const at = new Date('2026-12-02T12:00:00.000Z');
const pending = (overrides: Partial<Order> = {}): Order => ({
  id: 'o1',
  customerId: 'c1',
  status: 'PENDING',
  lines: [{ productId: 'p1', quantity: 2, unitPrice: null }],
  total: null,
  cancellationReason: null,
  createdAt: new Date('2026-12-02T11:00:00.000Z'),
  updatedAt: new Date('2026-12-02T11:00:00.000Z'),
  ...overrides,
});
const reserved: SagaFact = {
  kind: 'stock_reserved',
  prices: [{ productId: 'p1', unitPrice: { amount: 500, currency: 'EUR' } }],
};
const captured: SagaFact = { kind: 'payment_captured' };
const declined: SagaFact = { kind: 'payment_failed', reason: 'card_declined' };
const rejected: SagaFact = { kind: 'stock_rejected', reason: 'out_of_stock' };
const deadline: SagaFact = { kind: 'settle_deadline_passed' };

/** Applies the facts one after the other, as a consumer would; returns the last outcome and the order. */
function applyAll(order: Order, facts: readonly SagaFact[]) {
  let current = order;
  let last: FactOutcome = { kind: 'late', why: 'no fact yet' };
  for (const fact of facts) {
    last = applySagaFact(current, fact, at);
    if (last.kind === 'changed') current = last.order;
  }
  return { order: current, last };
}

describe('an order hearing saga facts in any order', () => {
  it('confirms when stock.reserved comes before payment.captured', () => {
    const { order, last } = applyAll(pending(), [reserved, captured]);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: { amount: 1_000, currency: 'EUR' } });
    expect(last).toMatchObject({ kind: 'changed', announce: 'confirmed' });
  });

  it('holds a payment.captured that comes before stock.reserved, then confirms once the stock is reserved', () => {
    const held = applySagaFact(pending(), captured, at);
    expect(held).toMatchObject({
      kind: 'changed',
      announce: 'none',
      order: { status: 'PENDING', paymentCaptured: true },
    });
    const { order, last } = applyAll(pending(), [captured, reserved]);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: { amount: 1_000, currency: 'EUR' } });
    expect(last).toMatchObject({ kind: 'changed', announce: 'confirmed' });
  });

  it('cancels with card_declined when payment.failed comes before stock.reserved, and ignores the late reservation', () => {
    const { order, last } = applyAll(pending(), [declined, reserved]);
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'card_declined' });
    expect(last).toEqual({ kind: 'late', why: 'the order is CANCELLED already' });
  });

  it.each([
    ['stock.reserved', reserved],
    ['stock.rejected', rejected],
    ['payment.captured', captured],
    ['payment.failed', declined],
    ['the settle deadline', deadline],
  ])('explains %s after the order was CANCELLED as late, changing nothing', (_name, fact) => {
    const cancelled = pending({ status: 'CANCELLED', cancellationReason: 'cancelled_by_customer' });
    expect(applySagaFact(cancelled, fact, at)).toEqual({ kind: 'late', why: 'the order is CANCELLED already' });
  });

  it.each([
    ['stock.reserved', reserved],
    ['stock.rejected', rejected],
    ['payment.captured', captured],
    ['the settle deadline', deadline],
  ])('explains %s after the order was CONFIRMED as late, changing nothing', (_name, fact) => {
    const { order } = applyAll(pending(), [reserved, captured]);
    expect(applySagaFact(order, fact, at)).toEqual({ kind: 'late', why: 'the order is CONFIRMED already' });
  });

  it('explains a repeated stock.reserved or a repeated early capture as late', () => {
    expect(applyAll(pending(), [reserved, reserved]).last).toEqual({
      kind: 'late',
      why: 'its stock was reserved already',
    });
    expect(applyAll(pending(), [captured, captured]).last).toEqual({
      kind: 'late',
      why: 'its capture is held already',
    });
  });

  it('cancels an order still PENDING or AWAITING_PAYMENT at its settle deadline, announcing order.cancelled', () => {
    for (const facts of [[], [reserved], [captured]]) {
      const { order } = applyAll(pending(), facts);
      expect(applySagaFact(order, deadline, at)).toMatchObject({
        kind: 'changed',
        announce: 'cancelled',
        order: { status: 'CANCELLED', cancellationReason: 'settle_deadline' },
      });
    }
  });

  it('cancels with the rejection’s reason when stock.rejected comes first, and ignores a late capture', () => {
    const { order, last } = applyAll(pending(), [rejected, captured]);
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'out_of_stock' });
    expect(last.kind).toBe('late');
  });
});
