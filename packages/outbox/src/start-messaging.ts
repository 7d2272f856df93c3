import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { BusConfig } from '@shopgraph/event-bus/bus-config';
import { connectEventBus } from '@shopgraph/event-bus/connect-event-bus';
import type { EventBus, SubscribeOptions, Subscription } from '@shopgraph/event-bus/event-bus';
import type { AnyEventContract } from '@shopgraph/events/define-event';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import type { Failpoint } from '@shopgraph/service-kit/failpoint';
import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import { deliveryMetrics } from './delivery-metrics';
import { observeOutbox } from './outbox-metrics';
import { crashAt } from '@shopgraph/service-kit/failpoint';
import { tracerFor } from '@shopgraph/service-kit/tracing/tracing';
import { createOutboxRelay } from './outbox-relay';
import type { OutboxRelay } from './outbox-relay';
import { tracedConsumer } from './traced-consumer';

/** Options of {@link startMessaging}. */
export interface MessagingOptions {
  /** The service's name: its NATS connection name, and its logs. */
  readonly name: string;
  /** The service's pool: the outbox it relays and the tables its consumers change. */
  readonly pool: Pool;
  readonly log: Logger;
  /** The bus from the service's configuration, or one the caller shares between services (`npm start`). */
  readonly bus: { readonly config: BusConfig } | { readonly shared: EventBus };
  /** The service's durable consumers. Default: none (a service that only publishes). */
  readonly consumers?: readonly SubscribeOptions<AnyEventContract>[];
  /** Crash tests only: where the process kills itself. Default: nowhere. */
  readonly failpoint?: Failpoint | undefined;
  /** The service's registry: its outbox backlog, redeliveries and dead letters. Default: not measured. */
  readonly metrics?: ServiceMetrics;
}

/** A running relay and consumers; `stop` ends both and closes a bus it opened. */
export interface Messaging {
  readonly bus: EventBus;
  readonly relay: OutboxRelay;
  stop(): Promise<void>;
}

/**
 * One service's part in the saga: an outbox relay for its database and its consumers.
 * Consumers start before the relay, so a service never publishes into a saga it cannot yet
 * follow. The bus is durable (decision 0020), so nothing is published again at boot.
 */
export async function startMessaging(options: MessagingOptions): Promise<Messaging> {
  const { name, pool, log, failpoint, metrics } = options;
  const observer = metrics && deliveryMetrics(metrics);
  const consumers = (options.consumers ?? []).map((consumer) => (observer ? { ...consumer, observer } : consumer));
  const tracer = tracerFor(name);
  if (metrics) observeOutbox(metrics, pool);
  const source = options.bus;
  const owned = 'config' in source;
  const bus = owned
    ? await connectEventBus({ config: source.config, logger: log, connectionName: name })
    : source.shared;
  // a failpoint fires for events of this process's life only: not for a backlog or a republished event
  const startedAt = Date.now();
  const isNew = (event: Pick<EventEnvelope, 'occurredAt'>) => Date.parse(event.occurredAt) >= startedAt;
  const subscriptions: Subscription[] = [];
  try {
    for (const consumer of consumers) {
      subscriptions.push(await bus.subscribe(tracedConsumer(withFailpoint(consumer, { failpoint, isNew }), tracer)));
    }
  } catch (error) {
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    if (owned) await bus.close();
    throw error;
  }
  const relay = createOutboxRelay({
    pool,
    bus,
    log: log.child({ component: 'outbox-relay' }),
    tracer,
    beforePublish: (event) => {
      if (isNew(event)) crashAt(failpoint, { point: 'before-publish', eventType: event.type });
    },
  });
  relay.start();
  return {
    bus,
    relay,
    async stop() {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await relay.stop();
      if (owned) await bus.close();
    },
  };
}

function withFailpoint<C extends AnyEventContract>(
  consumer: SubscribeOptions<C>,
  crash: { failpoint: Failpoint | undefined; isNew: (event: Pick<EventEnvelope, 'occurredAt'>) => boolean },
): SubscribeOptions<C> {
  const { failpoint, isNew } = crash;
  if (!failpoint) return consumer;
  return {
    ...consumer,
    handle: async (event) => {
      await consumer.handle(event);
      if (isNew(event)) crashAt(failpoint, { point: 'before-ack', eventType: event.type });
    },
  };
}

/** What a service's start function may be given besides its configuration. */
export interface MessagingDeps {
  /** A bus shared by the services of one process (`npm start`'s Postgres bus); default: the one the configuration names. */
  readonly bus?: EventBus;
}

/** The `bus` option of {@link startMessaging} for a service's configuration and deps. */
export const busFor = (config: { readonly bus: BusConfig }, deps: MessagingDeps): MessagingOptions['bus'] =>
  deps.bus ? { shared: deps.bus } : { config: config.bus };
