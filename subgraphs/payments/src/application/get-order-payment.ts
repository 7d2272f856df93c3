import type { Identity } from '@shopgraph/service-kit/identity';
import type { Payment } from '../domain/payment';
import { loadVisiblePayment } from './payment-access';
import type { PaymentLoader } from './payment-access';

/**
 * `Order.payment`: the order's payment, or nothing when it has none yet. Only the paying
 * customer or an ADMIN sees it, whatever the orders subgraph decided about the order.
 */
export function getOrderPayment(
  identity: Identity,
  rawOrderId: string,
  loadByOrderId: PaymentLoader,
): Promise<Payment | undefined> {
  return loadVisiblePayment(identity, rawOrderId, loadByOrderId);
}
