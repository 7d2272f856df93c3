import { PrismaPg } from '@prisma/adapter-pg';
import { busFor, startMessaging } from '@shopgraph/outbox/start-messaging';
import type { MessagingDeps } from '@shopgraph/outbox/start-messaging';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { startSubgraphService } from '@shopgraph/service-kit/start-subgraph-service';
import { startEntityCache } from './adapters/cache/start-entity-cache';
import { productsSagaConsumer } from './adapters/events/products-saga-consumer';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PrismaProductRepository } from './adapters/prisma/prisma-product-repository';
import type { ProductsConfig } from './config';
import { createProductsSubgraph } from './subgraph';

/** Connects the products service to its database and bus, and starts its HTTP server. */
export function startProductsService(
  config: ProductsConfig,
  log: Logger,
  deps: MessagingDeps = {},
): Promise<RunningService> {
  return startSubgraphService({
    name: 'products',
    config,
    log,
    build: async (pool, background, metrics) => {
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      const messaging = await startMessaging({
        metrics,
        name: 'products',
        pool: background,
        log,
        bus: busFor(config, deps),
        consumers: [productsSagaConsumer({ pool: background, log: log.child({ component: 'products-saga' }) })],
        failpoint: config.failpoint,
      });
      const cache = await startEntityCache({
        config: config.entityCache,
        repository: new PrismaProductRepository(prisma),
        bus: messaging.bus,
        metrics,
      });
      const subgraph = createProductsSubgraph({ products: cache.products, clock: { now: () => new Date() } });
      return {
        subgraph,
        close: async () => {
          await cache.stop();
          await messaging.stop();
          await prisma.$disconnect();
        },
      };
    },
  });
}
