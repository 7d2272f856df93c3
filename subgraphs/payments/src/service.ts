import { PrismaPg } from '@prisma/adapter-pg';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { startSubgraphService } from '@shopgraph/service-kit/start-subgraph-service';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PrismaPaymentRepository } from './adapters/prisma/prisma-payment-repository';
import type { PaymentsConfig } from './config';
import { createPaymentsSubgraph } from './subgraph';

/** Connects the payments service to its database and starts its HTTP server. */
export function startPaymentsService(config: PaymentsConfig, log: Logger): Promise<RunningService> {
  return startSubgraphService({
    name: 'payments',
    config,
    log,
    build: async (pool) => {
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      return {
        subgraph: createPaymentsSubgraph({ payments: new PrismaPaymentRepository(prisma) }),
        close: () => prisma.$disconnect(),
      };
    },
  });
}
