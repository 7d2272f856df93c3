import { resolveOrderReference } from '../../application/get-order';
import type { FollowOrderEvents } from '../../application/follow-order-events';
import type { OrderEventsRequest } from '../../application/order-event-access';
import type { OrderEventType, RecordedOrderEvent } from '../../domain/order-event-log';
import type { OrdersContext } from './context';
import { toOrderNode } from './order-node';
import type { OrderNode } from './order-node';

/** `OrderEvent` as the schema shows it, before its order is loaded. */
export interface OrderEventNode {
  readonly id: string;
  readonly type: OrderEventType;
  readonly occurredAt: Date;
  readonly orderId: string;
}

/** Whitelists a log row for the API: its sequence and customer stay inside. */
const toOrderEventNode = (event: RecordedOrderEvent): OrderEventNode => ({
  id: event.id,
  type: event.type,
  occurredAt: event.occurredAt,
  orderId: event.orderId,
});

interface AfterArgs {
  readonly after?: string | null;
}

const subscription = <A extends AfterArgs>(follow: FollowOrderEvents, request: (args: A) => OrderEventsRequest) => ({
  subscribe: (_: unknown, args: A, context: OrdersContext) => follow(context.identity, request(args)),
  resolve: (event: RecordedOrderEvent) => toOrderEventNode(event),
});

/** The three subscriptions (thin: the use case authorizes, replays and follows) and `OrderEvent.order`. */
export function orderEventResolvers(follow: FollowOrderEvents) {
  return {
    Subscription: {
      orderUpdated: subscription(
        follow,
        ({ orderId, after, fromStart }: AfterArgs & { readonly orderId: string; readonly fromStart?: boolean }) => ({
          kind: 'order',
          orderId,
          after,
          fromStart,
        }),
      ),
      myOrderEvents: subscription(follow, ({ after }: AfterArgs) => ({ kind: 'mine', after })),
      orderEvents: subscription(follow, ({ after }: AfterArgs) => ({ kind: 'all', after })),
    },
    OrderEvent: {
      // A subscription's context (and its loader) lasts as long as the subscription: the
      // order's entry is dropped once its event is resolved, so the next event reads the order
      // as it is then, and the loader never holds more than the order in hand.
      order: async (event: OrderEventNode, _: unknown, context: OrdersContext): Promise<OrderNode> => {
        const load = (id: string) => context.loaders.order.load(id);
        try {
          const order = await resolveOrderReference(context.identity, event.orderId, load);
          if (order === undefined) throw new Error(`order ${event.orderId} of event ${event.id} is missing`);
          return toOrderNode(order);
        } finally {
          context.loaders.order.clear(event.orderId);
        }
      },
    },
  };
}
