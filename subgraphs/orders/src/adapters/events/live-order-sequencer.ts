import type { OrderEventLog } from '../../application/ports';
import type { RecordedOrderEvent } from '../../domain/order-event-log';
import { LiveFeedInterruptedError } from './live-order-hub';

export interface LiveOrderSequencerOptions {
  /** Where a missing row is read from: the log, across every scope. */
  readonly log: Pick<OrderEventLog, 'readAfter'>;
  /** Where the rows go, one by one in sequence order. */
  readonly hub: { publish(event: RecordedOrderEvent): void; interrupt(error: Error): void };
  /** The log's last sequence before the bus was watched: nothing at or below it is handed on. */
  readonly after: number;
  /** Rows per read while a gap is filled. Default 500. */
  readonly pageSize?: number;
  /** A gap could not be read; every open stream was ended so its client resumes from the log. */
  readonly onGapLost?: (error: unknown) => void;
}

/** Takes the bus's announcements in whatever order they come. */
export interface LiveOrderSequencer {
  announce(event: RecordedOrderEvent): void;
  /** Settles once the gap being filled (if any) is. */
  settled(): Promise<void>;
}

/**
 * Hands the hub the log's rows in sequence order, whatever order the bus announced them in.
 *
 * Sequence order is commit order (one lock from a row's insert to its commit), so when row `s` is
 * announced every row below `s` that will ever exist has committed. An announcement that follows
 * the last one handed on goes straight through; one that leaves a gap (an announcement the bus
 * stored later, lost, or a sequence a rolled-back write drew) is held while the rows in between
 * are read from the log, and an announcement of a row already handed on is dropped. A gap is one
 * indexed read for the whole process, not one per subscription; with the bus in order, none.
 */
export function createLiveOrderSequencer(options: LiveOrderSequencerOptions): LiveOrderSequencer {
  const { log, hub, pageSize = 500, onGapLost } = options;
  let handedOn = options.after;
  const held = new Map<number, RecordedOrderEvent>();
  let filling: Promise<void> | undefined;

  const handOn = (event: RecordedOrderEvent) => {
    handedOn = event.sequence;
    hub.publish(event);
  };

  // every row up to the highest announcement held, read page after page (rows above it are left
  // to their own announcements); the held announcements are merged in, so a row the read did not
  // return (pruned meanwhile) still goes out
  async function fillGaps(): Promise<void> {
    for (;;) {
      // whatever came in meanwhile: what the read handed on is dropped, what follows on goes out
      for (const sequence of held.keys()) if (sequence <= handedOn) held.delete(sequence);
      for (let next = held.get(handedOn + 1); next !== undefined; next = held.get(handedOn + 1)) {
        held.delete(next.sequence);
        handOn(next);
      }
      if (held.size === 0) return;
      const target = Math.max(...held.keys());
      const rows = new Map(held);
      try {
        for (let after = handedOn; after < target; ) {
          const page = await log.readAfter({ scope: { kind: 'all' }, afterSequence: after, limit: pageSize });
          for (const row of page) if (row.sequence <= target) rows.set(row.sequence, row);
          const last = page.at(-1);
          if (last === undefined || last.sequence >= target || page.length < pageSize) break;
          after = last.sequence;
        }
      } catch (error) {
        hub.interrupt(new LiveFeedInterruptedError());
        onGapLost?.(error);
      }
      for (const sequence of [...rows.keys()].sort((a, b) => a - b)) {
        const row = rows.get(sequence);
        if (row !== undefined && sequence > handedOn) handOn(row);
      }
    }
  }

  return {
    announce(event) {
      if (event.sequence <= handedOn) return;
      if (filling === undefined && event.sequence === handedOn + 1) return handOn(event);
      held.set(event.sequence, event);
      filling ??= fillGaps().finally(() => (filling = undefined));
    },
    settled: () => filling ?? Promise.resolve(),
  };
}
