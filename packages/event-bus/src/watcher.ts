import type { Logger } from 'pino';
import { createEventRegistry } from '@shopgraph/events/event-registry';
import type { AnyEventContract } from '@shopgraph/events/define-event';
import { readMessage } from './envelope-codec';
import type { WatchOptions } from './event-bus';

/** An event as a watcher receives it from its adapter: still encoded. */
export interface WatchedMessage {
  readonly subject: string;
  readonly data: Uint8Array;
}

/** A watch's decisions, the same for every adapter; adapters only feed it messages in order. */
export interface PreparedWatcher {
  readonly types: readonly string[];
  readonly logger: Logger;
  /** Decodes and hands the event to the handler; never throws, so one event cannot end the feed. */
  deliver(message: WatchedMessage): Promise<void>;
}

export function prepareWatcher<Contract extends AnyEventContract>(
  options: WatchOptions<Contract>,
  logger: Logger,
): PreparedWatcher {
  const { events, handle } = options;
  if (events.length === 0) throw new Error('A watch must carry at least one event.');
  const registry = createEventRegistry(events);
  const watcherLogger = logger.child({ watch: registry.types });
  return {
    types: registry.types,
    logger: watcherLogger,
    async deliver({ subject, data }) {
      const read = readMessage(registry, data);
      // a feed may read more of the namespace than it carries: other types are not news
      if (read.kind === 'other_type') return;
      if (read.kind === 'unreadable') {
        const { reason, detail } = read;
        return watcherLogger.warn({ subject, reason, detail }, 'watch skipped an unreadable event');
      }
      try {
        await handle(read.event);
      } catch (error) {
        // nothing is acknowledged, so there is nothing to retry: the feed goes on
        watcherLogger.error({ err: error, subject, eventId: read.event.id }, 'watch handler failed');
      }
    },
  };
}
