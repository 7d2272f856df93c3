import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { SignedRequest } from '@shopgraph/service-kit/subgraph-server';
import { cancelOrder } from './application/cancel-order';
import { followOrderEvents } from './application/follow-order-events';
import { listCustomerOrders } from './application/list-customer-orders';
import { placeOrder } from './application/place-order';
import type { LiveOrderEvents, OrderEventLog, OrderRepository, OrderStore } from './application/ports';
import { ordersContext } from './adapters/graphql/context';
import type { OrdersContext } from './adapters/graphql/context';
import { ordersResolvers } from './adapters/graphql/resolvers';

export const ordersTypeDefs: DocumentNode = parse(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

export interface OrdersSubgraphDeps {
  /** Reads orders. */
  readonly orders: OrderRepository;
  /** Writes them: placeOrder and cancelOrder. */
  readonly store: OrderStore;
  /** What the subscriptions stream: the log they replay and this process's live events. */
  readonly events: { readonly log: OrderEventLog; readonly live: LiveOrderEvents };
  /** Default: the system clock. */
  readonly now?: () => Date;
}

export interface OrdersSubgraph {
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<OrdersContext>;
  readonly createContext: (request: SignedRequest) => OrdersContext;
}

/** Wires use cases to their ports and returns what a GraphQL server needs; no network. */
export function createOrdersSubgraph({ orders, store, events, now }: OrdersSubgraphDeps): OrdersSubgraph {
  const writes = now ? { orders: store, now } : { orders: store };
  return {
    typeDefs: ordersTypeDefs,
    resolvers: ordersResolvers({
      listCustomerOrders: listCustomerOrders(orders),
      placeOrder: placeOrder(writes),
      cancelOrder: cancelOrder(writes),
      followOrderEvents: followOrderEvents({ orders, ...events }),
    }),
    createContext: ordersContext(orders),
  };
}
