import type { OrderEventLog } from './ports';

export interface OrderEventRetentionOptions {
  readonly log: OrderEventLog;
  /** Rows older than this are deleted (ORDER_EVENTS_RETENTION_HOURS). */
  readonly retentionHours: number;
  /** Told about a failed run; the next run tries again. */
  readonly onError: (error: unknown) => void;
  /** Default: hourly. */
  readonly intervalMs?: number;
  /** Rows deleted per statement. Default 1 000. */
  readonly batchSize?: number;
  /** Default: the system clock. */
  readonly now?: () => Date;
}

export interface OrderEventRetention {
  /** Runs one pass now; resolves to the number of rows deleted. */
  prune(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * Keeps the order event log to its retention window: one pass at start, then one per
 * interval, each deleting old rows batch by batch until none is left. Resuming past a deleted
 * row is refused (BAD_USER_INPUT), which is why the window is at least 24 hours.
 */
export function startOrderEventRetention(options: OrderEventRetentionOptions): OrderEventRetention {
  const { log, retentionHours, onError, intervalMs = HOUR_MS, batchSize = 1_000, now = () => new Date() } = options;
  let running: Promise<number> = Promise.resolve(0);
  const prune = () => {
    // one pass at a time: a slow pass is never overlapped by the next tick
    running = running
      .catch(() => 0)
      .then(async () => {
        const cutoff = new Date(now().getTime() - retentionHours * HOUR_MS);
        let deleted = 0;
        for (let batch = batchSize; batch === batchSize; deleted += batch) {
          batch = await log.deleteBefore(cutoff, batchSize);
        }
        return deleted;
      });
    return running;
  };
  const run = () => void prune().catch(onError);
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    prune,
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
