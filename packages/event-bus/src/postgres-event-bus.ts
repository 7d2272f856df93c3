import { endPool } from '@shopgraph/service-kit/database/end-pool';
import { clientClassFor, createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { poolConfigFromUrl } from '@shopgraph/service-kit/database/pool-config';
import type { Backoff } from '@shopgraph/service-kit/backoff';
import { deliverySettings, prepareConsumer } from './delivery';
import type { DeadLetterReader, DeliveryOptions, EventBus, Subscription } from './event-bus';
import { ensureBusSchema } from './postgres-bus-schema';
import { startPostgresConsumer } from './postgres-consumer';
import { readWaitingDeadLetters, requestReplay } from './postgres-dead-letters';
import { startBusListener } from './postgres-listener';
import { publishAllToPostgres, publishToPostgres } from './postgres-publish';
import { startPostgresWatcher } from './postgres-watcher';
import { prepareWatcher } from './watcher';

export interface PostgresEventBusOptions extends DeliveryOptions {
  /** The database holding schema `event_bus` (created when missing). */
  readonly databaseUrl: string;
  /** Aggregates a consumer handles at the same time; events of one aggregate never overlap. Default 16. */
  readonly concurrency?: number;
  /** Events a consumer reads ahead of those it finished. Default 256. */
  readonly readAhead?: number;
  /** Milliseconds between polls when no notification came. Default 250. */
  readonly pollIntervalMs?: number;
  /** Milliseconds a standby waits between attempts to take over a consumer name. Default 1 000. */
  readonly lockRetryMs?: number;
  /** Wait before reconnecting after a lost connection. Default 100 ms doubling to 10 s. */
  readonly reconnectBackoff?: Backoff;
  /** Connections of the pool that publishes and watches (each consumer has its own). Default 5. */
  readonly poolSize?: number;
}

export interface EventBusMetrics {
  readonly published: number;
  /** Dead letters this process stored; each was also logged at error level. */
  readonly deadLettered: number;
}

export type PostgresEventBus = EventBus & DeadLetterReader & { metrics(): EventBusMetrics };

/**
 * The durable bus of one database: events in `event_bus.events`, one position per consumer name,
 * dead letters in a table. Any number of processes may share it; each consumer name runs in one
 * of them at a time. See decision 0020.
 */
export async function createPostgresEventBus(options: PostgresEventBusOptions): Promise<PostgresEventBus> {
  const {
    databaseUrl,
    concurrency = 16,
    readAhead = 256,
    pollIntervalMs = 250, // a quarter second when a notification was lost
    lockRetryMs = 1_000, // 1 second before a standby takes over a dead consumer
    reconnectBackoff = { initialMs: 100, maxMs: 10_000 },
    poolSize = 5,
  } = options;
  const settings = deliverySettings(options);
  const logger = settings.logger;
  const pool = createServicePool(databaseUrl, {
    max: poolSize,
    onIdleError: (error) => logger.warn({ err: error }, 'event bus: an idle connection was lost'),
  });
  // each consumer's session reads with the same few statements all its life: prepared ones
  const SessionClient = clientClassFor(databaseUrl);
  const newClient = () =>
    new SessionClient({ ...poolConfigFromUrl(databaseUrl), application_name: 'shopgraph-event-bus' });
  const client = await pool.connect();
  try {
    await ensureBusSchema(client);
  } catch (error) {
    client.release(true);
    await pool.end();
    throw error;
  }
  client.release();
  const listener = startBusListener({ newClient, logger, backoff: reconnectBackoff });
  const tuning = { concurrency, readAhead, pollIntervalMs, lockRetryMs, backoff: reconnectBackoff };
  const consumers = new Map<string, Subscription & { wake(type: string): void }>();
  const watchers = new Set<Subscription & { wake(type: string): void }>();
  const stats = { published: 0, deadLettered: 0 };
  let closed = false;
  const open = () => {
    if (closed) throw new Error('The event bus is closed.');
  };

  return {
    async publish(event) {
      open();
      await publishToPostgres(pool, event);
      stats.published += 1;
      // the notification reaches this process too, later: wake its own readers now
      for (const reader of [...consumers.values(), ...watchers]) reader.wake(event.type);
    },
    async publishAll(events) {
      open();
      await publishAllToPostgres(pool, events);
      stats.published += events.length;
      const types = new Set(events.map((event) => event.type));
      for (const reader of [...consumers.values(), ...watchers]) types.forEach((type) => reader.wake(type));
    },
    async subscribe(subscribeOptions) {
      open();
      const consumer = prepareConsumer(subscribeOptions, settings);
      if (consumers.has(consumer.name)) throw new Error(`Consumer "${consumer.name}" is already subscribed.`);
      const onDeadLetter = () => void (stats.deadLettered += 1);
      const running = startPostgresConsumer({ consumer, newClient, listener, tuning, onDeadLetter });
      consumers.set(consumer.name, running);
      return {
        stop: async () => {
          await running.stop();
          if (consumers.get(consumer.name) === running) consumers.delete(consumer.name);
        },
      };
    },
    async watch(watchOptions) {
      open();
      const watcher = prepareWatcher(watchOptions, logger);
      const running = await startPostgresWatcher({
        pool,
        listener,
        watcher,
        pollIntervalMs,
        backoff: reconnectBackoff,
      });
      watchers.add(running);
      return {
        stop: async () => {
          watchers.delete(running);
          await running.stop();
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...consumers.values(), ...watchers].map((reader) => reader.stop()));
      await listener.close();
      await endPool(pool, { name: 'event-bus', log: logger });
    },
    deadLetters: () => readWaitingDeadLetters(pool),
    replayDeadLetter: async (id) => (await requestReplay(pool, { id })) > 0,
    metrics: () => ({ ...stats }),
  };
}
