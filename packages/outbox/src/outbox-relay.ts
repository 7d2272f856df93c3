import type { Tracer } from '@opentelemetry/api';
import type { Pool, PoolClient } from 'pg';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { backoffDelay } from '@shopgraph/service-kit/backoff';
import type { Backoff } from '@shopgraph/service-kit/backoff';
import type { EventBus } from '@shopgraph/event-bus/event-bus';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { markDeadLetter, markPublished, readUnpublished, rowToEnvelope } from './outbox-rows';
import type { OutboxRow } from './outbox-rows';
import { openRelaySession } from './relay-session';
import { tracedPublishAll } from './traced-publish';
import { createWaker, sleep } from '@shopgraph/service-kit/waker';

/** `outbox` in ASCII: any number works as long as nothing else in the database locks it. */
const DEFAULT_OUTBOX_LOCK_KEY = 0x6f7574626f78;

export interface OutboxRelayOptions {
  /** The service's pool; the active relay keeps one of its connections for itself. */
  readonly pool: Pool;
  /** One `publishAll` and one mark per batch. */
  readonly bus: Pick<EventBus, 'publishAll'>;
  /** Default: a pino logger named `outbox-relay`. */
  readonly log?: Logger;
  /** Rows read per query. Default 100. */
  readonly batchSize?: number;
  /** Milliseconds between polls when idle; a notification from the appender wakes it sooner. Default 200. */
  readonly pollIntervalMs?: number;
  /** Wait after a failure: doubles from `initialMs` up to `maxMs`, back to `initialMs` after a success. Default 100 ms to 10 s. */
  readonly backoff?: Backoff;
  /** The advisory lock that makes one relay per database the active one. Default {@link DEFAULT_OUTBOX_LOCK_KEY}. */
  readonly lockKey?: number;
  /** Milliseconds a standby relay waits between attempts to take the lock. Default 1 000. */
  readonly lockRetryMs?: number;
  /** Called with each event of a batch just before the batch is published (crash tests stop the process here). Default: nothing. */
  readonly beforePublish?: (event: EventEnvelope) => void;
  /** Publishes each traced event in a span of its own (decision 0031). Default: none, tracing off. */
  readonly tracer?: Tracer | undefined;
}

export interface OutboxRelayMetrics {
  /** Events the broker acknowledged and the relay marked published. */
  readonly published: number;
  /** Failed publishes and database errors; each is followed by a backoff. */
  readonly failures: number;
  /** Rows refused as unreadable envelopes, marked with their reason in `dead_letter`. */
  readonly deadLettered: number;
  /** Whether this relay holds the lock, i.e. is the one publishing. */
  readonly active: boolean;
  readonly lastError?: string;
}

export interface OutboxRelay {
  /** Starts relaying in the background; does nothing when already started. */
  start(): void;
  /** Finishes the batch in flight (its publish and its mark), then releases the lock. */
  stop(): Promise<void>;
  metrics(): OutboxRelayMetrics;
}

type BatchOutcome = 'more' | 'drained' | 'failed';

/**
 * Publishes the outbox of one database, in `sequence` order, a batch at a time (one broker
 * call and one mark per batch: under load, each event's own commit was the relay's limit,
 * decision 0046): a row is marked published only after the broker acknowledged it, so a crash
 * in between publishes it again (at least once; the broker deduplicates by event ID and
 * consumers claim IDs).
 * Replicas may all run one: the advisory lock keeps exactly one active. See decision 0014.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const {
    pool,
    bus,
    log = pino({ name: 'outbox-relay' }),
    batchSize = 100,
    pollIntervalMs = 200, // 0.2 seconds; LISTEN/NOTIFY usually wakes the relay first
    backoff = { initialMs: 100, maxMs: 10_000 }, // 0.1 to 10 seconds
    lockKey = DEFAULT_OUTBOX_LOCK_KEY,
    lockRetryMs = 1_000, // 1 second before a standby takes over from a dead relay
    beforePublish = () => {},
  } = options;
  const publishAll = tracedPublishAll(bus, options.tracer);
  const stats = { published: 0, failures: 0, deadLettered: 0, active: false };
  let lastError: string | undefined;
  const waker = createWaker();
  let failuresInARow = 0;
  let stopping = new AbortController();
  let running: Promise<void> | undefined;

  function fail(error: unknown, what: string): Promise<void> {
    stats.failures += 1;
    lastError = error instanceof Error ? error.message : String(error);
    failuresInARow += 1;
    const delay = backoffDelay(backoff, failuresInARow);
    log.warn({ err: error, retryInMs: delay }, `outbox relay: ${what} failed`);
    return sleep(delay, stopping.signal);
  }

  async function deadLetter(client: PoolClient, row: OutboxRow, problem: string): Promise<void> {
    await markDeadLetter(client, { sequence: row.sequence, problem });
    stats.deadLettered += 1;
    log.error({ eventId: row.id, sequence: row.sequence, problem }, 'outbox relay: unreadable row dead-lettered');
  }

  /** Relays one batch; a database error throws, a broker error ends the batch as `failed`. */
  async function relayBatch(client: PoolClient): Promise<BatchOutcome> {
    const rows = await readUnpublished(client, batchSize);
    const readable: { readonly sequence: string; readonly envelope: EventEnvelope }[] = [];
    for (const row of rows) {
      const check = rowToEnvelope(row);
      if (check.ok) readable.push({ sequence: row.sequence, envelope: check.envelope });
      else await deadLetter(client, row, check.problem);
    }
    if (stopping.signal.aborted) return 'drained';
    if (readable.length === 0) return rows.length === batchSize ? 'more' : 'drained';
    const envelopes = readable.map((entry) => entry.envelope);
    try {
      envelopes.forEach(beforePublish);
      // all in order, each stored once (IDs): a failure part-way republishes the batch, harmlessly
      await publishAll(envelopes);
    } catch (error) {
      await fail(error, `publishing events ${envelopes[0]?.id ?? ''}…`);
      return 'failed';
    }
    await markPublished(
      client,
      readable.map((entry) => entry.sequence),
    );
    stats.published += readable.length;
    failuresInARow = 0;
    return rows.length === batchSize ? 'more' : 'drained';
  }

  async function relayWhileLocked(client: PoolClient): Promise<void> {
    while (!stopping.signal.aborted) {
      const outcome = await relayBatch(client);
      if (outcome === 'drained') await waker.wait(pollIntervalMs);
    }
  }

  async function run(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        const session = await openRelaySession({ pool, lockKey, onNotify: waker.wake });
        if (!session) {
          await sleep(lockRetryMs, stopping.signal);
          continue;
        }
        stats.active = true;
        await relayWhileLocked(session.client).finally(() => {
          stats.active = false;
          session.close();
        });
      } catch (error) {
        await fail(error, 'the outbox database session');
      }
    }
  }

  return {
    start() {
      if (running) return;
      stopping = new AbortController();
      running = run();
    },
    async stop() {
      stopping.abort();
      waker.wake();
      await running;
      running = undefined;
    },
    metrics: () => (lastError === undefined ? { ...stats } : { ...stats, lastError }),
  };
}
