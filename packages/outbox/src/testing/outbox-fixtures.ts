import type { Pool } from 'pg';
import { pino } from 'pino';
import type { EventBus } from '@shopgraph/event-bus/event-bus';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import { OUTBOX_SQL } from '../outbox-sql';

export const quiet = pino({ level: 'silent' });

export interface OutboxDatabase {
  readonly pool: Pool;
  close(): Promise<void>;
}

/** A fresh orders database with the outbox tables, as a service's migration would create them. */
export async function createOutboxDatabase(): Promise<OutboxDatabase> {
  const database = await createTestDatabase('orders');
  const pool = createServicePool(database.url);
  await pool.query(OUTBOX_SQL);
  return {
    pool,
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

export { inTransaction } from '../in-transaction';

export interface RecordingBusOptions {
  /** Throws instead of publishing for this many first calls. Default 0. */
  readonly failFirst?: number;
  /** Runs after the inner bus acknowledged, before the relay hears of it (to simulate a crash). */
  readonly afterAck?: (event: EventEnvelope) => Promise<void>;
}

/** Wraps a bus, recording each acknowledged publish; injects broker failures, event by event. */
export interface RecordingBus extends Pick<EventBus, 'publish' | 'publishAll'> {
  /** IDs the inner bus acknowledged, in call order, repeats included. */
  readonly acked: string[];
  readonly attempts: number;
}

export function recordingBus(inner: Pick<EventBus, 'publish'>, options: RecordingBusOptions = {}): RecordingBus {
  const { failFirst = 0, afterAck = async () => {} } = options;
  const acked: string[] = [];
  let attempts = 0;
  const publish = async (event: EventEnvelope) => {
    attempts += 1;
    if (attempts <= failFirst) throw new Error(`broker unavailable (attempt ${attempts})`);
    await inner.publish(event);
    acked.push(event.id);
    await afterAck(event);
  };
  return {
    acked,
    get attempts() {
      return attempts;
    },
    publish,
    // one event after another, so a failure or a crash can fall between two events of a batch
    async publishAll(events) {
      for (const event of events) await publish(event);
    },
  };
}

/** IDs of published rows, in relay order. */
export async function publishedIds(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    'select id from outbox where published_at is not null order by sequence',
  );
  return rows.map((row) => row.id);
}

export async function unpublishedCount(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: number }>(
    'select count(*)::int as count from outbox where published_at is null',
  );
  return rows[0]?.count ?? -1;
}
