import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import type { EventBus } from '@shopgraph/event-bus/event-bus';
import { busFor, startMessaging } from '@shopgraph/outbox/start-messaging';
import type { MessagingDeps } from '@shopgraph/outbox/start-messaging';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { startSubgraphService } from '@shopgraph/service-kit/start-subgraph-service';
import { startOrderEventRetention } from './application/order-event-retention';
import { ordersSagaConsumer } from './adapters/events/orders-saga-consumer';
import { sagaMetrics } from './adapters/metrics/saga-metrics';
import { createLiveOrderHub } from './adapters/events/live-order-hub';
import { watchOrderEvents } from './adapters/events/watch-order-events';
import { createSubscriptionServer } from './adapters/graphql/subscription-server';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PgOrderEventLog } from './adapters/prisma/pg-order-event-log';
import { PgOrderStore } from './adapters/prisma/pg-order-store';
import { PrismaOrderRepository } from './adapters/prisma/prisma-order-repository';
import { startSettleDeadlineSweeper } from './adapters/prisma/settle-deadline-sweeper';
import type { OrdersContext } from './adapters/graphql/context';
import type { OrdersConfig } from './config';
import { createOrdersSubgraph } from './subgraph';

/** The live side of the subscriptions: the bus feeds the hub; retention prunes the log they replay. */
async function startOrderEvents(options: { pool: Pool; bus: EventBus; config: OrdersConfig; log: Logger }) {
  const { pool, bus, config, log } = options;
  const eventLog = new PgOrderEventLog(pool);
  const hub = createLiveOrderHub();
  const watch = await watchOrderEvents({
    bus,
    log: eventLog,
    hub,
    onGapLost: (error) =>
      log.error(
        { err: error },
        'order event log unreadable while filling a gap in the live events; live subscriptions ended',
      ),
  });
  const retention = startOrderEventRetention({
    log: eventLog,
    retentionHours: config.orderEventsRetentionHours,
    onError: (error) => log.warn({ err: error }, 'order event log retention failed; retrying at the next pass'),
  });
  return {
    events: { log: eventLog, live: hub },
    stop: async () => {
      await watch.stop();
      hub.close();
      await retention.stop();
    },
  };
}

/** Connects the orders service to its database and bus, and starts its HTTP and graphql-ws server. */
export function startOrdersService(
  config: OrdersConfig,
  log: Logger,
  deps: MessagingDeps = {},
): Promise<RunningService> {
  return startSubgraphService<OrdersContext>({
    name: 'orders',
    config,
    log,
    build: async (pool, background, metrics) => {
      const onSettled = sagaMetrics(metrics);
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      const messaging = await startMessaging({
        metrics,
        name: 'orders',
        pool: background,
        log,
        bus: busFor(config, deps),
        consumers: [ordersSagaConsumer({ pool: background, log: log.child({ component: 'orders-saga' }), onSettled })],
        failpoint: config.failpoint,
      });
      const live = await startOrderEvents({ pool: background, bus: messaging.bus, config, log });
      const deadline = startSettleDeadlineSweeper({
        pool: background,
        deadlineMs: config.orderSettleDeadlineMs,
        log: log.child({ component: 'settle-deadline' }),
        onSettled,
      });
      const orders = new PrismaOrderRepository(prisma);
      return {
        subgraph: {
          ...createOrdersSubgraph({ orders, store: new PgOrderStore(pool), events: live.events }),
          upgrade: (target) => createSubscriptionServer(target),
        },
        close: async () => {
          await deadline.stop();
          await live.stop();
          await messaging.stop();
          await prisma.$disconnect();
        },
      };
    },
  });
}
