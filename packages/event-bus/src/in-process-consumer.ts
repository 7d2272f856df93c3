import type { PreparedConsumer } from './delivery';
import type { DeadLetter } from './event-bus';
import type { InProcessEventLog, LoggedEvent } from './in-process-event-log';

/** What survives a consumer's stop within the process: its durable state. */
export interface ConsumerPosition {
  /** The next log position to deliver. */
  seq: number;
  /** Deliveries so far of the event at `seq`. */
  deliveries: number;
}

export interface ConsumerLoop {
  /** Something was published: look at the log again. */
  wake(): void;
  /** Lets the event in hand finish, then stops. */
  stop(): Promise<void>;
}

export interface ConsumerLoopOptions {
  readonly consumer: PreparedConsumer;
  readonly position: ConsumerPosition;
  readonly log: InProcessEventLog;
  readonly deadLetters: DeadLetter[];
}

/** Delivers one event at a time, in log order; a retry holds back the events behind it. */
export function startConsumerLoop(options: ConsumerLoopOptions): ConsumerLoop {
  const { consumer, position, log } = options;
  let stopped = false;
  let endStop = () => {};
  const stopping = new Promise<void>((resolve) => (endStop = resolve));
  let endIdle = () => {};
  const idle = () => Promise.race([new Promise<void>((resolve) => (endIdle = resolve)), stopping]);
  const pause = (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    return Promise.race([elapsed, stopping]).finally(() => clearTimeout(timer));
  };

  async function run(): Promise<void> {
    // never deliver inside the caller's stack (subscribe now, publish later)
    await new Promise((resolve) => setImmediate(resolve));
    while (!stopped) {
      const entry = log.next(position.seq, consumer.types);
      if (!entry) {
        await idle();
        continue;
      }
      const retryDelay = await deliverOnce(entry, options);
      if (retryDelay !== undefined) await pause(retryDelay);
    }
  }
  const running = run().catch((error: unknown) => consumer.logger.error({ err: error }, 'consumer loop failed'));
  return {
    wake: () => endIdle(),
    stop: async () => {
      stopped = true;
      endStop();
      await running;
    },
  };
}

/** Delivers `entry` once; returns the delay before the next attempt when it must be retried. */
async function deliverOnce(entry: LoggedEvent, options: ConsumerLoopOptions): Promise<number | undefined> {
  const { consumer, position, deadLetters } = options;
  // the event in hand changed (first delivery, or retention dropped it): count afresh
  if (position.seq !== entry.seq) Object.assign(position, { seq: entry.seq, deliveries: 0 });
  position.deliveries += 1;
  const { subject, data } = entry;
  const verdict = await consumer.deliver({ subject, data, deliveries: position.deliveries });
  if (verdict.kind === 'retry') return verdict.delay;
  if (verdict.kind === 'dead-letter') {
    const { reason, detail } = verdict;
    deadLetters.push({ consumer: consumer.name, subject, reason, detail, deliveries: position.deliveries, data });
  }
  Object.assign(position, { seq: entry.seq + 1, deliveries: 0 });
  return undefined;
}
