/** What a charge asks the processor for. */
export interface ChargeInput {
  /** The order ID: every attempt for one order uses it, so the order is charged at most once. */
  readonly idempotencyKey: string;
  /** Minor units (cents), a non-negative integer. */
  readonly amount: number;
  /** ISO 4217, three capital letters, e.g. `EUR`. */
  readonly currency: string;
  /** A card token of the API (see `payment-tokens.ts`). */
  readonly token: string;
}

/** The processor's answer to a charge; a repeated charge gets the first answer again. */
export type ChargeResult =
  | { readonly status: 'captured'; readonly chargeId: string }
  | { readonly status: 'declined'; readonly chargeId: string; readonly reason: 'card_declined' };

/** What a refund asks for: always the whole amount of a captured charge. */
export interface RefundInput {
  readonly idempotencyKey: string;
  readonly chargeId: string;
}

/** The processor's answer to a refund; a repeated refund gets the first answer again. */
export interface RefundResult {
  readonly status: 'refunded';
  readonly chargeId: string;
  readonly refundedAt: Date;
}

/**
 * The card processor, an external system. Both calls are idempotent, so a saga may retry
 * them after a crash or a timeout without charging or refunding twice.
 *
 * Refusals are thrown as `AppError`s: `invalid` for an unknown token or a malformed amount or
 * currency (nothing is recorded), `not_found` for a refund of an unknown charge, `conflict`
 * for a refund of a declined charge.
 */
export interface CardProcessor {
  charge(input: ChargeInput): Promise<ChargeResult>;
  refund(input: RefundInput): Promise<RefundResult>;
  /**
   * What the processor recorded for a charge key, if anything, without charging: how payments
   * learns, after a crash during a charge, that a payment it has since abandoned was captured.
   */
  findCharge(idempotencyKey: string): Promise<ChargeResult | undefined>;
}
