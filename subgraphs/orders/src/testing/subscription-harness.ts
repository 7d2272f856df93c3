import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { createTestEventBus } from '@shopgraph/test-kit/test-event-bus';
import { startMessaging } from '@shopgraph/outbox/start-messaging';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { close, listen } from '@shopgraph/service-kit/listen';
import { createLogger } from '@shopgraph/service-kit/logger';
import { createSubgraphServer } from '@shopgraph/service-kit/subgraph-server';
import { paymentCapturedV1 } from '@shopgraph/events/payment-events';
import { stockReservedV1 } from '@shopgraph/events/stock-events';
import { newId } from '@shopgraph/service-kit/ids';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { OrderEventLog } from '../application/ports';
import { createLiveOrderHub } from '../adapters/events/live-order-hub';
import type { LiveOrderHub } from '../adapters/events/live-order-hub';
import { ordersSagaHandler } from '../adapters/events/orders-saga-consumer';
import type { SagaHandler } from '../adapters/events/orders-saga-consumer';
import { watchOrderEvents } from '../adapters/events/watch-order-events';
import { createSubscriptionServer } from '../adapters/graphql/subscription-server';
import { PrismaClient } from '../adapters/prisma/generated/client';
import { PgOrderEventLog } from '../adapters/prisma/pg-order-event-log';
import { PgOrderStore } from '../adapters/prisma/pg-order-store';
import { PrismaOrderRepository } from '../adapters/prisma/prisma-order-repository';
import { placeOrder } from '../application/place-order';
import type { Order } from '../domain/order';
import { createOrdersSubgraph } from '../subgraph';

/** A real orders subgraph on a real socket: outbox relay → Postgres bus watch → hub → graphql-ws. */
export interface SubscriptionHarness {
  readonly url: string;
  readonly pool: Pool;
  readonly hub: LiveOrderHub;
  readonly store: PgOrderStore;
  readonly saga: SagaHandler;
  /** A customer places an order for one unit of a new product, paid with tok_visa. */
  place(customerId: string): Promise<Order>;
  /** Runs the saga's happy path on an order: stock reserved at `unitPrice`, payment captured. */
  confirm(order: Order, unitPrice: number): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  readonly secret: string;
  /** Wraps the log the subscriptions replay, to hold a replay while events are committed. */
  readonly wrapLog?: (log: OrderEventLog) => OrderEventLog;
}

export async function startSubscriptionHarness({ secret, wrapLog = (log) => log }: HarnessOptions) {
  const database = await createTestDatabase('orders');
  const pool = createServicePool(database.url, { max: 20 });
  const log = createLogger('orders-subscriptions-test', 'silent');
  const bus = await createTestEventBus();
  const messaging = await startMessaging({ name: 'orders', pool, log, bus: { shared: bus } });
  const hub = createLiveOrderHub();
  const watch = await watchOrderEvents({ bus, log: new PgOrderEventLog(pool), hub });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const store = new PgOrderStore(pool);
  const subgraph = createOrdersSubgraph({
    orders: new PrismaOrderRepository(prisma),
    store,
    events: { log: wrapLog(new PgOrderEventLog(pool)), live: hub },
  });
  const { server, apollo, upgrades } = await createSubgraphServer({
    ...subgraph,
    upgrade: (target) => createSubscriptionServer(target),
    signingSecret: secret,
    isReady: async () => true,
    log,
  });
  const port = await listen(server, 0, '127.0.0.1');
  const saga = ordersSagaHandler({ pool, log });
  const harness: SubscriptionHarness = {
    url: `ws://127.0.0.1:${port}/graphql`,
    pool,
    hub,
    store,
    saga,
    place: (customerId) =>
      placeOrder({ orders: store })(
        { kind: 'user', userId: customerId, role: 'CUSTOMER' },
        { items: [{ productId: newId(), quantity: 1 }], paymentToken: 'tok_visa', idempotencyKey: newId() },
      ),
    async confirm(order, unitPrice) {
      const lines = order.lines.map(({ productId, quantity }) => ({ productId, quantity, unitPrice, currency: 'EUR' }));
      const total = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
      const reserved = { orderId: order.id, lines, total, currency: 'EUR' };
      await saga(stockReservedV1.create({ aggregateId: order.id, payload: reserved }));
      const capture = { orderId: order.id, paymentId: newId(), amount: total, currency: 'EUR' };
      await saga(paymentCapturedV1.create({ aggregateId: order.id, payload: capture }));
    },
    async stop() {
      await Promise.all([close(server, 0), upgrades?.close()]);
      await apollo.stop();
      await watch.stop();
      await messaging.stop();
      await bus.close();
      await prisma.$disconnect();
      await pool.end();
      await database.drop();
    },
  };
  return harness;
}
