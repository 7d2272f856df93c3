import { eventSubject } from '@shopgraph/events/event-subject';
import { deliverySettings, prepareConsumer } from './delivery';
import { encodeEnvelope } from './envelope-codec';
import type { DeadLetter, DeadLetterReader, DeliveryOptions, EventBus } from './event-bus';
import { startConsumerLoop } from './in-process-consumer';
import type { ConsumerLoop, ConsumerPosition } from './in-process-consumer';
import { InProcessEventLog } from './in-process-event-log';
import { startWatcherQueue } from './in-process-watcher';
import type { WatcherQueue } from './in-process-watcher';
import { prepareWatcher } from './watcher';

export interface InProcessEventBusOptions extends DeliveryOptions {
  /** Milliseconds a published ID is remembered to drop a republished copy. Default 2 minutes, as the NATS stream. */
  readonly duplicateWindow?: number;
  /** Events kept for consumers that are behind or not subscribed yet. Default 10 000. */
  readonly retain?: number;
  /** The clock of the deduplication window. Default `Date.now`. */
  readonly now?: () => number;
  /** Events a watcher may have waiting for its handler before its oldest are dropped. Default 10 000. */
  readonly watchBacklog?: number;
}

export type InProcessEventBus = EventBus & DeadLetterReader;

interface ConsumerState {
  readonly position: ConsumerPosition;
  loop?: ConsumerLoop | undefined;
}

/**
 * The bus of one process (`npm start`, unit tests), with the NATS adapter's semantics:
 * deduplication by event ID, durable consumers, one event at a time in publish order,
 * bounded redelivery, then a dead letter. Nothing survives the process.
 */
export function createInProcessEventBus(options: InProcessEventBusOptions = {}): InProcessEventBus {
  const {
    duplicateWindow = 120_000, // 2 minutes
    retain = 10_000,
    now = Date.now,
    watchBacklog = 10_000,
  } = options;
  const settings = deliverySettings(options);
  const log = new InProcessEventLog(retain);
  const recentIds = new Map<string, number>();
  const consumers = new Map<string, ConsumerState>();
  const deadLetters: DeadLetter[] = [];
  const watchers = new Set<WatcherQueue>();
  let closed = false;

  function isDuplicate(id: string): boolean {
    // insertion order is publish order, so the expired IDs are at the front
    for (const [seenId, at] of recentIds) {
      if (now() - at < duplicateWindow) break;
      recentIds.delete(seenId);
    }
    if (recentIds.has(id)) return true;
    recentIds.set(id, now());
    return false;
  }

  return {
    async publish(event) {
      if (closed) throw new Error('The event bus is closed.');
      const data = encodeEnvelope(event);
      if (isDuplicate(event.id)) return;
      const subject = eventSubject(event.type);
      log.append({ type: event.type, subject, data });
      for (const state of consumers.values()) state.loop?.wake();
      for (const watcher of watchers) watcher.push({ subject, data });
    },
    async subscribe(subscribeOptions) {
      if (closed) throw new Error('The event bus is closed.');
      const consumer = prepareConsumer(subscribeOptions, settings);
      const state = consumers.get(consumer.name) ?? { position: { seq: 0, deliveries: 0 } };
      if (state.loop) throw new Error(`Consumer "${consumer.name}" is already subscribed.`);
      consumers.set(consumer.name, state);
      const loop = startConsumerLoop({ consumer, position: state.position, log, deadLetters });
      state.loop = loop;
      return {
        stop: async () => {
          await loop.stop();
          if (state.loop === loop) state.loop = undefined;
        },
      };
    },
    async watch(watchOptions) {
      if (closed) throw new Error('The event bus is closed.');
      const queue = startWatcherQueue({
        watcher: prepareWatcher(watchOptions, settings.logger),
        backlog: watchBacklog,
      });
      watchers.add(queue);
      return {
        stop: async () => {
          watchers.delete(queue);
          await queue.stop();
        },
      };
    },
    async close() {
      closed = true;
      const stopping = [...watchers].map((watcher) => watcher.stop());
      watchers.clear();
      await Promise.all([...consumers.values()].map((state) => state.loop?.stop()).concat(stopping));
    },
    deadLetters: async () => [...deadLetters],
  };
}
