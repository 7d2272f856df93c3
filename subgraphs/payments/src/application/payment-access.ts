import { loadOwnedReference } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { Payment } from '../domain/payment';

/** Loads one payment in batches, by its own ID or by its order's; a per-request DataLoader in production. */
export type PaymentLoader = (key: string) => Promise<Payment | undefined>;

/**
 * The rule both ways of reaching a payment share: the paying customer or an ADMIN.
 * Payments cannot see orders' data, so it judges by the customer ID stored on the row.
 */
export function loadVisiblePayment(
  identity: Identity,
  rawKey: string,
  load: PaymentLoader,
): Promise<Payment | undefined> {
  return loadOwnedReference(identity, rawKey, { load, ownerOf: (payment) => payment.customerId });
}
