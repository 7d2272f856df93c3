import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { SHOP_SUBJECT_NAMESPACE, eventSubject } from '@shopgraph/events/event-subject';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { deliverySettings, prepareConsumer } from './delivery';
import { encodeEnvelope } from './envelope-codec';
import type { DeadLetterReader, DeliveryOptions, EventBus, Subscription } from './event-bus';
import { startNatsConsumer } from './nats-consumer';
import { readDeadLetters, replayDeadLetter } from './nats-dead-letters';
import { ensureStreams, streamNames } from './nats-streams';
import { startNatsWatcher } from './nats-watcher';
import { prepareWatcher } from './watcher';

export interface NatsEventBusOptions extends DeliveryOptions {
  /** One or more server URLs (`nats://127.0.0.1:4222`); the client fails over and reconnects. */
  readonly servers: string | readonly string[];
  /** Subjects `shop.<type>` in stream `SHOP`, dead letters `shop-dlq.<consumer>.<type>` in `SHOP_DLQ`. Default `shop`. */
  readonly namespace?: string;
  /** Milliseconds the stream remembers an event ID to drop a republished copy. Default 2 minutes. */
  readonly duplicateWindow?: number;
  /** Milliseconds an event stays in the stream for consumers that are behind. Default 7 days. */
  readonly maxAge?: number;
  /** Milliseconds before the server redelivers an unacknowledged message. Default 30 seconds. */
  readonly ackWait?: number;
  /** Shown in the server's connection list. Default `shopgraph-event-bus`. */
  readonly connectionName?: string;
  /** Aggregates a consumer handles at the same time in this process. Default 16. */
  readonly concurrency?: number;
  /** Messages a consumer holds unacknowledged (`max_ack_pending`). Default 256. */
  readonly readAhead?: number;
}

export type NatsEventBus = EventBus & DeadLetterReader;

/** The bus between processes: NATS JetStream with file storage and durable pull consumers. */
export async function createNatsEventBus(options: NatsEventBusOptions): Promise<NatsEventBus> {
  const {
    servers,
    namespace = SHOP_SUBJECT_NAMESPACE,
    duplicateWindow = 120_000, // 2 minutes
    maxAge = 7 * 24 * 3_600_000, // 7 days
    ackWait = 30_000, // 30 seconds
    connectionName = 'shopgraph-event-bus',
    concurrency = 16,
    readAhead = 256,
  } = options;
  const settings = deliverySettings(options);
  const names = streamNames(namespace);
  // a service outlives broker restarts: keep reconnecting instead of giving up after 10 tries.
  // No async traces: the client would build an Error (a stack trace) for every publish's
  // request, to show where a failed one came from; that was 3 % of orders' CPU under the
  // contended orders, and a failed publish is still reported, with its cause, to the relay.
  const nc = await connect({
    servers: [servers].flat(),
    name: connectionName,
    maxReconnectAttempts: -1,
    noAsyncTraces: true,
  });
  const jsm = await jetstreamManager(nc).catch(closing(nc));
  await ensureStreams(jsm, names, { duplicateWindow, maxAge }).catch(closing(nc));
  const js = jetstream(nc);
  // a name is taken from the moment subscribe starts, so two calls cannot both create it
  const active = new Map<string, Promise<Subscription>>();
  const watchers = new Set<Subscription>();

  const publish = async (event: EventEnvelope) => {
    const data = encodeEnvelope(event);
    // resolves on the PubAck: the event is stored, or was already (duplicate)
    await js.publish(eventSubject(event.type, namespace), data, {
      msgID: event.id,
      expect: { streamName: names.stream },
    });
  };

  return {
    publish,
    async publishAll(events) {
      // all written before any PubAck is awaited: `publish` writes its message before its first
      // await, and the server stores one connection's messages in the order it reads them, so the
      // batch keeps its order while nothing fails; a publish lost in a dropped connection can be
      // stored after the ones behind it, which the bus's consumers and orders' live feed allow
      // (decision 0054)
      const acks = await Promise.allSettled(events.map(publish));
      const failed = acks.find((ack) => ack.status === 'rejected');
      if (failed) throw failed.reason;
    },
    async subscribe(subscribeOptions) {
      const consumer = prepareConsumer(subscribeOptions, settings);
      if (active.has(consumer.name)) throw new Error(`Consumer "${consumer.name}" is already subscribed.`);
      const starting = startNatsConsumer({ js, jsm, names, consumer, ackWait, concurrency, readAhead });
      active.set(consumer.name, starting);
      const subscription = await starting.catch((error: unknown) => {
        active.delete(consumer.name);
        throw error;
      });
      return {
        stop: async () => {
          await subscription.stop();
          if (active.get(consumer.name) === starting) active.delete(consumer.name);
        },
      };
    },
    async watch(watchOptions) {
      const watcher = prepareWatcher(watchOptions, settings.logger);
      const watching = await startNatsWatcher({ nc, js, jsm, names, watcher });
      watchers.add(watching);
      return {
        stop: async () => {
          watchers.delete(watching);
          await watching.stop();
        },
      };
    },
    async close() {
      const stopping = [...active.values()].map((starting) => starting.then((subscription) => subscription.stop()));
      await Promise.allSettled([...stopping, ...[...watchers].map((watching) => watching.stop())]);
      if (!nc.isClosed()) await nc.drain();
    },
    deadLetters: () => readDeadLetters(jsm, names),
    replayDeadLetter: (id) => replayDeadLetter({ js, jsm, names }, id),
  };
}

/** Closes the connection of a bus that could not be set up, then rethrows why. */
const closing =
  (nc: NatsConnection) =>
  async (error: unknown): Promise<never> => {
    await nc.close();
    throw error;
  };
