import type { Identity } from '@shopgraph/service-kit/identity';
import type { Payment } from '../domain/payment';
import { loadVisiblePayment } from './payment-access';
import type { PaymentLoader } from './payment-access';

/** A payment by its ID (another subgraph named it): the paying customer or an ADMIN. */
export function getPayment(identity: Identity, rawId: string, loadById: PaymentLoader): Promise<Payment | undefined> {
  return loadVisiblePayment(identity, rawId, loadById);
}
