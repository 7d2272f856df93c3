/**
 * The card tokens of the public API (API.md, "Payment tokens"). The list is public on
 * purpose: the orders service refuses any other token before it creates an order, and
 * must keep a copy of it because it cannot import payments code (decision 0015).
 */
export const PAYMENT_TOKENS = [
  /** charged and captured */
  'tok_visa',
  /** declined by the processor: PAYMENT_FAILED, reason `card_declined` */
  'tok_chargeDeclined',
  /** answers only after a delay longer than any payment timeout, then captures */
  'tok_slow',
] as const;

export type PaymentToken = (typeof PAYMENT_TOKENS)[number];

const recognised: ReadonlySet<string> = new Set(PAYMENT_TOKENS);

/** Synchronous, so input validation can refuse a token without asking the processor. */
export const isRecognisedToken = (token: string): token is PaymentToken => recognised.has(token);
