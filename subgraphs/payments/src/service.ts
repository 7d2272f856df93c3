import { PrismaPg } from '@prisma/adapter-pg';
import { busFor, startMessaging } from '@shopgraph/outbox/start-messaging';
import { tracerFor } from '@shopgraph/service-kit/tracing/tracing';
import type { DocumentNode } from 'graphql';
import type { MessagingDeps } from '@shopgraph/outbox/start-messaging';
import { endPool } from '@shopgraph/service-kit/database/end-pool';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { startSubgraphService } from '@shopgraph/service-kit/start-subgraph-service';
import { SimulatedCardProcessor } from './adapters/card-processor/simulated-card-processor';
import { startChargeWorker } from './adapters/events/charge-worker';
import { paymentsSagaConsumer } from './adapters/events/payments-saga-consumer';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PrismaPaymentRepository } from './adapters/prisma/prisma-payment-repository';
import type { PaymentsConfig } from './config';
import { createPaymentsSubgraph } from './subgraph';

/** What the payments service may be given besides its configuration. */
export interface PaymentsServiceDeps extends MessagingDeps {
  /** The SDL to serve in place of `schema.graphql` ({@link createPaymentsSubgraph}). */
  readonly typeDefs?: DocumentNode | undefined;
}

/** Connects the payments service to its database and bus, and starts its HTTP server. */
export function startPaymentsService(
  config: PaymentsConfig,
  log: Logger,
  deps: PaymentsServiceDeps = {},
): Promise<RunningService> {
  return startSubgraphService({
    name: 'payments',
    config,
    log,
    build: async (pool, background, metrics) => {
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      // the simulated processor stands in for a system outside the service: it has connections
      // of its own, never one a request needs, and its statements are not counted as a request's
      const processorPool = createServicePool(config.databaseUrl, {
        max: 3,
        timeouts: config.databaseTimeouts,
        log,
        name: 'card-processor',
      });
      const processorPrisma = new PrismaClient({ adapter: new PrismaPg(processorPool) });
      const processor = new SimulatedCardProcessor({
        prisma: processorPrisma,
        slowDelayMs: config.simulatedProcessorSlowMs,
      });
      const charges = startChargeWorker({
        pool: background,
        processor,
        paymentTimeoutMs: config.paymentTimeoutMs,
        log: log.child({ component: 'charge-worker' }),
        tracer: tracerFor('payments'),
      });
      const saga = paymentsSagaConsumer({
        pool: background,
        processor,
        log: log.child({ component: 'payments-saga' }),
        onChargeDue: () => charges.wake(),
      });
      const messaging = await startMessaging({
        metrics,
        name: 'payments',
        pool: background,
        log,
        bus: busFor(config, deps),
        consumers: [saga],
        failpoint: config.failpoint,
      });
      return {
        subgraph: createPaymentsSubgraph({ payments: new PrismaPaymentRepository(prisma), typeDefs: deps.typeDefs }),
        close: async () => {
          // first, so the charges waiting on tok_slow end and the worker's stop() returns
          processor.close();
          await messaging.stop();
          // charges and late captures still settling need the pool, which is closed after this
          await charges.stop();
          await Promise.all([prisma.$disconnect(), processorPrisma.$disconnect()]);
          await endPool(processorPool, { name: 'card-processor', log });
        },
      };
    },
  });
}
