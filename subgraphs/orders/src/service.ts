import { PrismaPg } from '@prisma/adapter-pg';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { startSubgraphService } from '@shopgraph/service-kit/start-subgraph-service';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PrismaOrderRepository } from './adapters/prisma/prisma-order-repository';
import type { OrdersConfig } from './config';
import { createOrdersSubgraph } from './subgraph';

/** Connects the orders service to its database and starts its HTTP server. */
export function startOrdersService(config: OrdersConfig, log: Logger): Promise<RunningService> {
  return startSubgraphService({
    name: 'orders',
    config,
    log,
    build: async (pool) => {
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      return {
        subgraph: createOrdersSubgraph({ orders: new PrismaOrderRepository(prisma) }),
        close: () => prisma.$disconnect(),
      };
    },
  });
}
