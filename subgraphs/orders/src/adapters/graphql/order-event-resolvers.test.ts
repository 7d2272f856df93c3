import { describe, expect, it } from 'vitest';
import { byIdLoader } from '@shopgraph/service-kit/by-id-loader';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { Order } from '../../domain/order';
import { InMemoryOrderRepository } from '../memory/in-memory-order-repository';
import { anOrder } from '../../testing/order-mother';
import type { OrdersContext } from './context';
import { orderEventResolvers } from './order-event-resolvers';

const ADMIN: Identity = { kind: 'user', userId: '6f1c3a52-0000-4000-8000-00000000000a', role: 'ADMIN' };
const neverFollowed = () => {
  throw new Error('not subscribed in this test');
};

describe('OrderEvent.order in a subscription that lives long', () => {
  it('reads each event’s order afresh and keeps none of them in the subscription’s loader', async () => {
    const orders = [anOrder({ status: 'AWAITING_PAYMENT' }), anOrder()];
    const repository = new InMemoryOrderRepository(orders);
    const cacheMap = new Map<string, Promise<Order | undefined>>();
    const context: OrdersContext = {
      identity: ADMIN,
      requestId: 'one subscription',
      loaders: { order: byIdLoader((ids) => repository.findByIds(ids), { cacheMap }) },
    };
    const resolveOrder = orderEventResolvers(neverFollowed).OrderEvent.order;
    const eventOf = (order: Order, n: number) => ({
      id: `e${n}`,
      type: 'PLACED' as const,
      occurredAt: new Date(),
      orderId: order.id,
    });

    for (const [n, order] of orders.entries()) {
      expect(await resolveOrder(eventOf(order, n), {}, context)).toMatchObject({ id: order.id });
      expect(cacheMap.size).toBe(0);
    }
    const [first] = orders;
    if (!first) throw new Error('no order');
    repository.add([{ ...first, status: 'CONFIRMED' }]);
    expect(await resolveOrder(eventOf(first, 2), {}, context)).toMatchObject({ id: first.id, status: 'CONFIRMED' });
  });
});
