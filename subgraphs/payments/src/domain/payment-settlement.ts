import type { PaymentStatus } from './payment';

/** What the card processor's answer to a charge came to, as far as the payment is concerned. */
export type ChargeOutcome = 'captured' | 'declined' | 'timed_out';

/** The reasons a payment FAILS on a charge, as `payment.failed` names them. */
export type ChargeFailureReason = 'card_declined' | 'payment_timeout';

/**
 * What to do to a payment; `none` leaves it as it is. `fail` is a charge that failed, which the
 * saga must hear of; `abandon` is a charge given up because the order was cancelled, which the
 * saga already knows.
 */
export type PaymentStep =
  | { readonly kind: 'none' }
  | { readonly kind: 'capture' }
  | { readonly kind: 'fail'; readonly reason: ChargeFailureReason }
  | { readonly kind: 'abandon'; readonly reason: string }
  | { readonly kind: 'refund' };

const NONE: PaymentStep = { kind: 'none' };

const FAILURE: Record<Exclude<ChargeOutcome, 'captured'>, ChargeFailureReason> = {
  declined: 'card_declined',
  timed_out: 'payment_timeout',
};

/**
 * What a charge's outcome does to a payment in `status`. Only a PENDING payment is settled by
 * it, so a repeated or late answer changes nothing, except one case: money captured for a
 * payment that has FAILED already (a capture that landed after the timeout, or after the
 * order was cancelled) is refunded.
 */
export function settleCharge(status: PaymentStatus, outcome: ChargeOutcome): PaymentStep {
  if (status === 'PENDING')
    return outcome === 'captured' ? { kind: 'capture' } : { kind: 'fail', reason: FAILURE[outcome] };
  if (status === 'FAILED' && outcome === 'captured') return { kind: 'refund' };
  return NONE;
}

/**
 * What cancelling the order does to its payment: a captured charge is refunded, a charge not
 * settled yet is abandoned: it FAILS with the cancellation's reason, and a settled failure or refund stays.
 */
export function settleCancellation(status: PaymentStatus, reason: string): PaymentStep {
  if (status === 'CAPTURED') return { kind: 'refund' };
  if (status === 'PENDING') return { kind: 'abandon', reason };
  return NONE;
}
