import { describe, expect, it } from 'vitest';
import { settleCancellation, settleCharge } from './payment-settlement';

describe('settling a charge', () => {
  it('captures a pending payment whose charge was captured', () => {
    expect(settleCharge('PENDING', 'captured')).toEqual({ kind: 'capture' });
  });

  it('fails a pending payment with card_declined when the card was declined', () => {
    expect(settleCharge('PENDING', 'declined')).toEqual({ kind: 'fail', reason: 'card_declined' });
  });

  it('fails a pending payment with payment_timeout when the processor did not answer in time', () => {
    expect(settleCharge('PENDING', 'timed_out')).toEqual({ kind: 'fail', reason: 'payment_timeout' });
  });

  it('refunds a capture that lands after the payment failed', () => {
    expect(settleCharge('FAILED', 'captured')).toEqual({ kind: 'refund' });
  });

  it.each([
    ['CAPTURED', 'captured'],
    ['CAPTURED', 'timed_out'],
    ['REFUNDED', 'captured'],
    ['FAILED', 'declined'],
    ['FAILED', 'timed_out'],
  ] as const)('leaves a %s payment alone when the charge is %s', (status, outcome) => {
    expect(settleCharge(status, outcome)).toEqual({ kind: 'none' });
  });
});

describe('settling a cancellation', () => {
  it('refunds a captured payment', () => {
    expect(settleCancellation('CAPTURED', 'cancelled_by_customer')).toEqual({ kind: 'refund' });
  });

  it('abandons a pending payment with the reason the order was cancelled', () => {
    expect(settleCancellation('PENDING', 'cancelled_by_customer')).toEqual({
      kind: 'abandon',
      reason: 'cancelled_by_customer',
    });
  });

  it.each(['FAILED', 'REFUNDED'] as const)('leaves a %s payment alone', (status) => {
    expect(settleCancellation(status, 'payment_timeout')).toEqual({ kind: 'none' });
  });
});
