import type DataLoader from 'dataloader';
import { byIdLoader, byKeyLoader } from '@shopgraph/service-kit/by-id-loader';
import type { SignedRequest } from '@shopgraph/service-kit/subgraph-server';
import type { PaymentRepository } from '../../application/ports';
import type { Payment } from '../../domain/payment';

export interface PaymentsContext extends SignedRequest {
  readonly loaders: {
    readonly payment: DataLoader<string, Payment | undefined>;
    readonly paymentOfOrder: DataLoader<string, Payment | undefined>;
  };
}

/** A fresh set of loaders per request, so batching never leaks data between callers. */
export const paymentsContext =
  (payments: PaymentRepository) =>
  (request: SignedRequest): PaymentsContext => ({
    ...request,
    loaders: {
      payment: byIdLoader((ids) => payments.findByIds(ids)),
      paymentOfOrder: byKeyLoader(
        (orderIds) => payments.findByOrderIds(orderIds),
        (payment) => payment.orderId,
      ),
    },
  });
