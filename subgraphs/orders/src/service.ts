import { PrismaPg } from '@prisma/adapter-pg';
import { busFor, startMessaging } from '@shopgraph/outbox/start-messaging';
import type { MessagingDeps } from '@shopgraph/outbox/start-messaging';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { startSubgraphService } from '@shopgraph/service-kit/start-subgraph-service';
import { ordersSagaConsumer } from './adapters/events/orders-saga-consumer';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PgOrderStore } from './adapters/prisma/pg-order-store';
import { PrismaOrderRepository } from './adapters/prisma/prisma-order-repository';
import type { OrdersConfig } from './config';
import { createOrdersSubgraph } from './subgraph';

/** Connects the orders service to its database and bus, and starts its HTTP server. */
export function startOrdersService(
  config: OrdersConfig,
  log: Logger,
  deps: MessagingDeps = {},
): Promise<RunningService> {
  return startSubgraphService({
    name: 'orders',
    config,
    log,
    build: async (pool) => {
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      const messaging = await startMessaging({
        name: 'orders',
        pool,
        log,
        bus: busFor(config, deps),
        consumers: [ordersSagaConsumer({ pool, log: log.child({ component: 'orders-saga' }) })],
        failpoint: config.failpoint,
      });
      return {
        subgraph: createOrdersSubgraph({ orders: new PrismaOrderRepository(prisma), store: new PgOrderStore(pool) }),
        close: async () => {
          await messaging.stop();
          await prisma.$disconnect();
        },
      };
    },
  });
}
