import { isWellFormedId } from '@shopgraph/service-kit/ids';
import { requireSelfOrAdmin, requireUser } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { Payment } from '../domain/payment';

/** Loads one payment in batches, by its own ID or by its order's; a per-request DataLoader in production. */
export type PaymentLoader = (key: string) => Promise<Payment | undefined>;

/**
 * The rule both ways of reaching a payment share: the paying customer or an ADMIN.
 * Payments cannot see orders' data, so it judges by the customer ID stored on the row.
 */
export async function loadVisiblePayment(
  identity: Identity,
  rawKey: string,
  load: PaymentLoader,
): Promise<Payment | undefined> {
  // a malformed ID names nothing, and must not reach the database as a uuid cast error
  if (!isWellFormedId(rawKey)) return undefined;
  // refused before the lookup, so an anonymous caller cannot even learn a payment exists
  requireUser(identity);
  const payment = await load(rawKey.toLowerCase());
  if (payment) requireSelfOrAdmin(identity, payment.customerId);
  return payment;
}
