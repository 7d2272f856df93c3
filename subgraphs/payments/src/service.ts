import { PrismaPg } from '@prisma/adapter-pg';
import { busFor, startMessaging } from '@shopgraph/outbox/start-messaging';
import type { MessagingDeps } from '@shopgraph/outbox/start-messaging';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { startSubgraphService } from '@shopgraph/service-kit/start-subgraph-service';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PrismaPaymentRepository } from './adapters/prisma/prisma-payment-repository';
import type { PaymentsConfig } from './config';
import { createPaymentsSubgraph } from './subgraph';

/** Connects the payments service to its database and bus, and starts its HTTP server. */
export function startPaymentsService(
  config: PaymentsConfig,
  log: Logger,
  deps: MessagingDeps = {},
): Promise<RunningService> {
  return startSubgraphService({
    name: 'payments',
    config,
    log,
    build: async (pool) => {
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      const messaging = await startMessaging({
        name: 'payments',
        pool,
        log,
        bus: busFor(config, deps),
        consumers: [],
        failpoint: config.failpoint,
      });
      return {
        subgraph: createPaymentsSubgraph({ payments: new PrismaPaymentRepository(prisma) }),
        close: async () => {
          await messaging.stop();
          await prisma.$disconnect();
        },
      };
    },
  });
}
