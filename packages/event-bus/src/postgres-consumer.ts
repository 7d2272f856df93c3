import type pg from 'pg';
import { backoffDelay } from '@shopgraph/service-kit/backoff';
import type { Backoff } from '@shopgraph/service-kit/backoff';
import type { PreparedConsumer } from './delivery';
import { peekAggregateId } from './envelope-codec';
import type { Subscription } from './event-bus';
import { createLanes } from './lanes';
import type { Lanes } from './lanes';
import { PositionTracker } from './position-tracker';
import { openConsumerSession, savePosition } from './postgres-consumer-session';
import type { ConsumerSession } from './postgres-consumer-session';
import { markReplayed, readReplayRequests, storeDeadLetter } from './postgres-dead-letters';
import type { BusListener } from './postgres-listener';
import { createWaker, sleep } from '@shopgraph/service-kit/waker';
import type { Waker } from '@shopgraph/service-kit/waker';

/** How a Postgres consumer reads and paces itself; the bus passes its options through. */
export interface ConsumerTuning {
  readonly concurrency: number;
  readonly readAhead: number;
  readonly pollIntervalMs: number;
  readonly lockRetryMs: number;
  readonly backoff: Backoff;
}

export interface PostgresConsumerOptions {
  readonly consumer: PreparedConsumer;
  readonly newClient: () => pg.Client;
  readonly listener: BusListener;
  readonly tuning: ConsumerTuning;
  readonly onDeadLetter: () => void;
}

export interface PostgresConsumer extends Subscription {
  /** An event of `type` was published in this process: read again now if it is one of ours. */
  wake(type: string | undefined): void;
}

/** An event (or a dead letter asked to be replayed) on its way through a lane. */
interface LaneItem {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly seq?: number;
  readonly replayOf?: string;
}

interface Session extends PostgresConsumerOptions {
  readonly session: ConsumerSession;
  /** Aborts on stop or when the connection is lost. */
  readonly end: AbortSignal;
  readonly waker: Waker;
  readonly tracker: PositionTracker;
  readonly replaying: Set<string>;
  readonly savePosition: () => void;
}

/**
 * Runs one durable consumer while this process holds its lock (a standby otherwise), in
 * per-aggregate lanes. Its stored position is the contiguous prefix of finished events, so a
 * crash redelivers at most what finished beyond it; consumers claim IDs. See decision 0020.
 */
export function startPostgresConsumer(options: PostgresConsumerOptions): PostgresConsumer {
  const { consumer, newClient, listener, tuning } = options;
  const stopping = new AbortController();
  const waker = createWaker();
  // a reader of other types has nothing new to read: no query for it
  const types = new Set(consumer.types);
  const wake = (type: string | undefined) => (type === undefined || types.has(type)) && waker.wake();
  const unlisten = listener.add(wake);
  const running = (async () => {
    for (let failures = 0; !stopping.signal.aborted; ) {
      try {
        const session = await openConsumerSession(newClient, consumer.name);
        if (!session) await sleep(tuning.lockRetryMs, stopping.signal);
        else {
          await runSession(options, { session, stopping: stopping.signal, waker });
          failures = 0;
        }
      } catch (error) {
        failures += 1;
        consumer.logger.warn({ err: error, failures }, 'consumer session ended on an error, will reconnect');
        await sleep(backoffDelay(tuning.backoff, failures), stopping.signal);
      }
    }
  })();
  return {
    wake,
    async stop() {
      stopping.abort();
      waker.wake();
      await running;
      unlisten();
    },
  };
}

/** Reads and delivers until stopped; throws when the connection was lost. */
async function runSession(
  options: PostgresConsumerOptions,
  open: { session: ConsumerSession; stopping: AbortSignal; waker: Waker },
): Promise<void> {
  const { session, stopping, waker } = open;
  const end = AbortSignal.any([stopping, session.lost]);
  end.addEventListener('abort', waker.wake);
  const tracker = new PositionTracker(session.position);
  const saver = positionSaver(session, options.consumer, { tracker, intervalMs: options.tuning.pollIntervalMs });
  const context: Session = { ...options, session, end, waker, tracker, replaying: new Set(), savePosition: saver.save };
  const { concurrency, readAhead } = options.tuning;
  const lanes = createLanes<LaneItem>({ concurrency, readAhead, handle: (item) => deliverInLane(context, item) });
  try {
    await readUntilEnd(context, lanes);
  } finally {
    await lanes.stop();
    await saver.flushed();
    await session.close();
  }
  if (session.lost.aborted && !stopping.aborted) throw new Error('the consumer lost its database connection');
}

async function readUntilEnd(context: Session, lanes: Lanes<LaneItem>): Promise<void> {
  const { session, end, tracker, consumer, tuning } = context;
  let cursor = session.position;
  // replays are asked for by hand and rare: looked for once per poll interval, not with every read
  let replaysCheckedAt = Number.NEGATIVE_INFINITY;
  while (!end.aborted) {
    const { rows } = await session.client.query<{
      seq: string;
      subject: string;
      aggregate_id: string | null;
      data: Buffer;
    }>(
      `select seq::text, subject, aggregate_id, data from event_bus.events
        where seq > $1 and type = any($2::text[]) order by event_bus.events.seq limit $3`,
      [cursor, consumer.types, tuning.readAhead],
    );
    for (const row of rows) {
      if (end.aborted) return;
      const seq = Number(row.seq);
      tracker.add(seq);
      await lanes.push(row.aggregate_id ?? `seq:${seq}`, { subject: row.subject, data: row.data, seq });
      cursor = seq;
    }
    if (performance.now() - replaysCheckedAt >= tuning.pollIntervalMs) {
      replaysCheckedAt = performance.now();
      await pushReplays(context, lanes);
    }
    if (rows.length < tuning.readAhead) await context.waker.wait(tuning.pollIntervalMs);
  }
}

async function pushReplays(context: Session, lanes: Lanes<LaneItem>): Promise<void> {
  const { session, consumer, replaying, end } = context;
  for (const row of await readReplayRequests(session.client, consumer.name)) {
    if (end.aborted || replaying.has(row.id)) continue;
    replaying.add(row.id);
    const key = peekAggregateId(row.data) ?? `dead-letter:${row.id}`;
    await lanes.push(key, { subject: row.subject, data: row.data, replayOf: row.id });
  }
}

/** Delivers until acknowledged or dead-lettered; on stop it leaves the event for the next session. */
async function deliverInLane(context: Session, item: LaneItem): Promise<void> {
  const { consumer, end, session } = context;
  for (let deliveries = 1; ; deliveries++) {
    const verdict = await consumer.deliver({ subject: item.subject, data: item.data, deliveries });
    if (verdict.kind === 'retry') {
      await sleep(verdict.delay, end);
      if (end.aborted) return;
      continue;
    }
    if (verdict.kind === 'dead-letter') {
      const { reason, detail } = verdict;
      const letter = { consumer: consumer.name, seq: item.seq, subject: item.subject, reason, detail, deliveries };
      const stored = await storeDeadLetter(session.client, { ...letter, data: item.data }).then(
        () => true,
        (error: unknown) => void consumer.logger.error({ err: error }, 'could not store a dead letter, will retry'),
      );
      if (!stored) return;
      context.onDeadLetter();
    }
    return finish(context, item);
  }
}

async function finish(context: Session, item: LaneItem): Promise<void> {
  const { tracker, replaying, session, consumer } = context;
  if (item.seq !== undefined && tracker.done(item.seq)) context.savePosition();
  if (item.replayOf === undefined) return;
  await markReplayed(session.client, item.replayOf).catch((error: unknown) =>
    consumer.logger.warn({ err: error, deadLetter: item.replayOf }, 'could not mark a dead letter replayed'),
  );
  replaying.delete(item.replayOf);
}

/**
 * Saves the position in the background, at most once per poll interval, one save at a time,
 * always the newest value. The position only tells the next session where to start reading, and
 * every consumer claims event IDs, so a crash between two saves redelivers what finished since
 * the last one, to no effect. A save after every event cost one statement per event: 2,751 of
 * the 33,000 that 1,000 contended orders took (decision 0058).
 */
function positionSaver(
  session: ConsumerSession,
  consumer: PreparedConsumer,
  { tracker, intervalMs }: { readonly tracker: PositionTracker; readonly intervalMs: number },
) {
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> | undefined;
  let dirty = false;
  async function write(): Promise<void> {
    dirty = false;
    await savePosition(session.client, consumer.name, tracker.position).catch((error: unknown) =>
      consumer.logger.warn({ err: error }, 'could not store the consumer position'),
    );
  }
  function schedule(): void {
    timer = setTimeout(() => {
      timer = undefined;
      saving = write().finally(() => {
        saving = undefined;
        if (dirty) schedule();
      });
    }, intervalMs);
    timer.unref(); // the session's end saves what is left
  }
  return {
    save: () => {
      dirty = true;
      if (!timer && !saving) schedule();
    },
    /** Saves the newest position now and stops saving later. */
    flushed: async () => {
      clearTimeout(timer);
      await saving;
      clearTimeout(timer); // the save just finished may have planned the next one
      timer = undefined;
      if (dirty) await write();
    },
  };
}
