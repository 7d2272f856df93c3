/** Where a charge stands; only the payments service moves a payment between them. */
export type PaymentStatus = 'PENDING' | 'CAPTURED' | 'FAILED' | 'REFUNDED';

/** An amount in minor units (cents), so no float ever holds money. */
export interface Money {
  readonly amount: number;
  /** ISO 4217, e.g. `EUR`. */
  readonly currency: string;
}

/** One charge for one order; an order never has more than one. */
export interface Payment {
  readonly id: string;
  readonly orderId: string;
  /** The paying customer, kept so payments can refuse other customers on its own. */
  readonly customerId: string;
  readonly amount: Money;
  readonly status: PaymentStatus;
  /** The processor's reason when the charge FAILED, e.g. `card_declined`. */
  readonly failureReason: string | undefined;
  readonly createdAt: Date;
}
