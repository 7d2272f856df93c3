import { DateTime } from '@shopgraph/service-kit/date-time';
import { MinorUnits } from '@shopgraph/service-kit/minor-units';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { loadVisiblePayment } from '../../application/payment-access';
import type { Money, Payment } from '../../domain/payment';
import type { PaymentsContext } from './context';

interface OrderReference {
  readonly id: string;
}

/** Thin resolvers: decode the reference, call one use case, return what it returns. */
export function paymentsResolvers(): GraphQLResolverMap<PaymentsContext> {
  return {
    DateTime,
    MinorUnits,
    Payment: {
      // Another subgraph named this payment: the paying customer or an ADMIN.
      __resolveReference: ({ id }: { id: string }, context: PaymentsContext): Promise<Payment | undefined> =>
        loadVisiblePayment(context.identity, id, (key) => context.loaders.payment.load(key)),
      // only the key: the orders subgraph resolves the rest of the order
      order: (payment: Payment): OrderReference => ({ id: payment.orderId }),
    },
    Order: {
      // Payments knows nothing about an order but its ID; Order.payment does the checking.
      __resolveReference: ({ id }: OrderReference): OrderReference => ({ id }),
      // the order's payment, or nothing yet: the paying customer or an ADMIN sees it, whatever
      // the orders subgraph decided about the order
      payment: ({ id }: OrderReference, _: unknown, context: PaymentsContext): Promise<Payment | undefined> =>
        loadVisiblePayment(context.identity, id, (orderId) => context.loaders.paymentOfOrder.load(orderId)),
      // Served once payments' SDL declares `total: Money @override(from: "orders")` (README,
      // "Move a field between subgraphs"): the amount payments charges is the order's total,
      // known from the same stock.reserved event that priced the order; null before that.
      total: async ({ id }: OrderReference, _: unknown, context: PaymentsContext): Promise<Money | null> => {
        const payment = await loadVisiblePayment(context.identity, id, (orderId) =>
          context.loaders.paymentOfOrder.load(orderId),
        );
        return payment?.amount ?? null;
      },
    },
  };
}
