import type { Pool } from 'pg';
import { backoffDelay } from '@shopgraph/service-kit/backoff';
import type { Backoff } from '@shopgraph/service-kit/backoff';
import type { Subscription } from './event-bus';
import type { BusListener } from './postgres-listener';
import { createWaker, sleep } from '@shopgraph/service-kit/waker';
import type { PreparedWatcher } from './watcher';

export interface PostgresWatcherOptions {
  readonly pool: Pool;
  readonly listener: BusListener;
  readonly watcher: PreparedWatcher;
  readonly pollIntervalMs: number;
  readonly backoff: Backoff;
}

export interface PostgresWatcher extends Subscription {
  /** An event of `type` was published in this process: read again now if the feed carries it. */
  wake(type: string | undefined): void;
}

const BATCH = 256;

/**
 * A live feed for this process: it starts after the newest event stored when `watch` was
 * called and follows the table, woken by notifications and by polling. Nothing is stored, so
 * a new watch after a restart starts at the newest event again (at most once, as the port says).
 */
export async function startPostgresWatcher(options: PostgresWatcherOptions): Promise<PostgresWatcher> {
  const { pool, listener, watcher, pollIntervalMs, backoff } = options;
  const { rows } = await pool.query<{ seq: string }>('select coalesce(max(seq), 0)::text as seq from event_bus.events');
  let cursor = Number(rows[0]?.seq ?? 0);
  const stopping = new AbortController();
  const waker = createWaker();
  const types = new Set(watcher.types);
  const wake = (type: string | undefined) => (type === undefined || types.has(type)) && waker.wake();
  const unlisten = listener.add(wake);

  async function readOnce(): Promise<number> {
    const batch = await pool.query<{ seq: string; subject: string; data: Buffer }>(
      `select seq::text, subject, data from event_bus.events
        where seq > $1 and type = any($2::text[]) order by event_bus.events.seq limit ${BATCH}`,
      [cursor, watcher.types],
    );
    for (const row of batch.rows) {
      if (stopping.signal.aborted) break;
      await watcher.deliver({ subject: row.subject, data: row.data });
      cursor = Number(row.seq);
    }
    return batch.rows.length;
  }

  const running = (async () => {
    for (let failures = 0; !stopping.signal.aborted; ) {
      try {
        if ((await readOnce()) < BATCH) await waker.wait(pollIntervalMs);
        failures = 0;
      } catch (error) {
        failures += 1;
        watcher.logger.warn({ err: error }, 'watch could not read events, will retry');
        await sleep(backoffDelay(backoff, failures), stopping.signal);
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
