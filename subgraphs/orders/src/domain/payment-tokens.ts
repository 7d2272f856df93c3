/**
 * The card processor's tokens (API.md, decision 0015). Payments owns the processor; this copy
 * is on purpose (decision 0016): services share no code, and orders must refuse an unknown
 * token before it creates anything, without asking payments.
 */
export const PAYMENT_TOKENS = ['tok_visa', 'tok_chargeDeclined', 'tok_slow'] as const;
export type PaymentToken = (typeof PAYMENT_TOKENS)[number];

export function isPaymentToken(value: string): value is PaymentToken {
  return (PAYMENT_TOKENS as readonly string[]).includes(value);
}
