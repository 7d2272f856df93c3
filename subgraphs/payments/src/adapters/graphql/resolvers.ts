import { DateTime } from '@shopgraph/service-kit/date-time';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { getOrderPayment } from '../../application/get-order-payment';
import { getPayment } from '../../application/get-payment';
import type { Payment } from '../../domain/payment';
import type { PaymentsContext } from './context';

interface OrderReference {
  readonly id: string;
}

const loadById = (context: PaymentsContext) => (id: string) => context.loaders.payment.load(id);
const loadByOrderId = (context: PaymentsContext) => (orderId: string) => context.loaders.paymentOfOrder.load(orderId);

/** Thin resolvers: decode the reference, call one use case, return what it returns. */
export function paymentsResolvers(): GraphQLResolverMap<PaymentsContext> {
  return {
    DateTime,
    Payment: {
      // Another subgraph named this payment: the paying customer or an ADMIN.
      __resolveReference: ({ id }: { id: string }, context: PaymentsContext): Promise<Payment | undefined> =>
        getPayment(context.identity, id, loadById(context)),
      // only the key: the orders subgraph resolves the rest of the order
      order: (payment: Payment): OrderReference => ({ id: payment.orderId }),
    },
    Order: {
      // Payments knows nothing about an order but its ID; Order.payment does the checking.
      __resolveReference: ({ id }: OrderReference): OrderReference => ({ id }),
      payment: ({ id }: OrderReference, _: unknown, context: PaymentsContext): Promise<Payment | undefined> =>
        getOrderPayment(context.identity, id, loadByOrderId(context)),
    },
  };
}
