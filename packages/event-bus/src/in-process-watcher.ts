import type { Subscription } from './event-bus';
import type { PreparedWatcher, WatchedMessage } from './watcher';

export interface WatcherQueue extends Subscription {
  /** Queues an event for this watcher; returns at once, whatever its handler is doing. */
  push(message: WatchedMessage): void;
}

export interface WatcherQueueOptions {
  readonly watcher: PreparedWatcher;
  /** Events waiting for the handler before the oldest are dropped. */
  readonly backlog: number;
}

/**
 * One watcher's own queue, so that a slow handler neither holds up `publish` nor the other
 * watchers, and still sees its events in publish order.
 */
export function startWatcherQueue(options: WatcherQueueOptions): WatcherQueue {
  const { watcher, backlog } = options;
  const waiting: WatchedMessage[] = [];
  let draining: Promise<void> | undefined;
  let stopped = false;
  let dropped = 0;

  async function drain(): Promise<void> {
    // never deliver inside the publisher's call stack
    await new Promise((resolve) => setImmediate(resolve));
    for (let next = waiting.shift(); next && !stopped; next = waiting.shift()) await watcher.deliver(next);
    if (dropped > 0) watcher.logger.warn({ dropped }, 'watcher caught up after losing events');
    dropped = 0;
    draining = undefined;
  }

  return {
    push(message) {
      if (stopped) return;
      waiting.push(message);
      if (waiting.length > backlog) {
        waiting.shift();
        // one line when it starts falling behind, one when it caught up: not one per event lost
        if (dropped++ === 0) watcher.logger.warn({ backlog }, 'watcher fell behind, dropping its oldest events');
      }
      draining ??= drain();
    },
    async stop() {
      stopped = true;
      waiting.length = 0;
      await draining;
    },
  };
}
