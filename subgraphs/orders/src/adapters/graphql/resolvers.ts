import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { DateTime } from '@shopgraph/service-kit/date-time';
import type { PageArgs } from '@shopgraph/service-kit/pagination';
import { MinorUnits } from '@shopgraph/service-kit/minor-units';
import type { CancelOrder } from '../../application/cancel-order';
import type { FollowOrderEvents } from '../../application/follow-order-events';
import { getOrder, resolveOrderReference } from '../../application/get-order';
import type { ListCustomerOrders } from '../../application/list-customer-orders';
import type { PlaceOrder } from '../../application/place-order';
import type { PlaceOrderRequest } from '../../domain/order-placement';
import type { Order } from '../../domain/order';
import type { OrdersContext } from './context';
import { toOrderConnection } from './order-connection';
import { orderEventResolvers } from './order-event-resolvers';
import { toOrderNode } from './order-node';
import type { OrderNode } from './order-node';

export interface OrdersUseCases {
  readonly listCustomerOrders: ListCustomerOrders;
  readonly placeOrder: PlaceOrder;
  readonly cancelOrder: CancelOrder;
  readonly followOrderEvents: FollowOrderEvents;
}

const loadOrder = (context: OrdersContext) => (id: string) => context.loaders.order.load(id);
const toNode = (order: Order | undefined): OrderNode | undefined => order && toOrderNode(order);

/** Thin resolvers: decode arguments, call one use case, map the result to the schema's shape. */
export function ordersResolvers(useCases: OrdersUseCases): GraphQLResolverMap<OrdersContext> {
  return {
    DateTime,
    MinorUnits,
    ...orderEventResolvers(useCases.followOrderEvents),
    Query: {
      order: async (_: unknown, { id }: { id: string }, context: OrdersContext) =>
        toNode(await getOrder(context.identity, id, loadOrder(context))),
    },
    Mutation: {
      placeOrder: async (_: unknown, { input }: { input: PlaceOrderRequest }, context: OrdersContext) =>
        toOrderNode(await useCases.placeOrder(context.identity, input)),
      cancelOrder: async (_: unknown, { id }: { id: string }, context: OrdersContext) =>
        toOrderNode(await useCases.cancelOrder(context.identity, id)),
    },
    Order: {
      // Another subgraph named this order (Payment.order): batched, same owner-or-ADMIN rule.
      __resolveReference: async ({ id }: { id: string }, context: OrdersContext) =>
        toNode(await resolveOrderReference(context.identity, id, loadOrder(context))),
    },
    User: {
      // Orders holds no user data: the representation's ID is all User.orders needs.
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      orders: async (user: { id: string }, args: PageArgs, context: OrdersContext) =>
        toOrderConnection(await useCases.listCustomerOrders(context.identity, { ...args, customerId: user.id })),
    },
  };
}
