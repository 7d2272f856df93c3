import type pg from 'pg';
import { CONSUMER_LOCK_CLASS } from './postgres-bus-schema';

/** A consumer's own connection, holding the session lock that makes it the one running that name. */
export interface ConsumerSession {
  readonly client: pg.Client;
  readonly position: number;
  /** Aborts when the connection is lost. */
  readonly lost: AbortSignal;
  /** Releases the lock and closes the connection. */
  close(): Promise<void>;
}

/**
 * Connects and tries the consumer's lock; `undefined` when another process runs this consumer.
 * The lock lives as long as the connection, so a standby takes over when the holder dies.
 */
export async function openConsumerSession(
  newClient: () => pg.Client,
  name: string,
): Promise<ConsumerSession | undefined> {
  const client = newClient();
  const lost = new AbortController();
  // unheard, a lost connection's error would crash the process; the loop notices and reconnects
  client.on('error', () => lost.abort());
  client.on('end', () => lost.abort());
  const close = async () => {
    if (!lost.signal.aborted) {
      await client
        .query('select pg_advisory_unlock($1::int, hashtext($2))', [CONSUMER_LOCK_CLASS, name])
        .catch(() => {});
    }
    await client.end().catch(() => {});
  };
  try {
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock($1::int, hashtext($2)) as locked',
      [CONSUMER_LOCK_CLASS, name],
    );
    if (rows[0]?.locked !== true) {
      await client.end();
      return undefined;
    }
    await client.query('insert into event_bus.consumers (name) values ($1) on conflict (name) do nothing', [name]);
    const stored = await client.query<{ position: string }>(
      'select position from event_bus.consumers where name = $1',
      [name],
    );
    return { client, position: Number(stored.rows[0]?.position ?? 0), lost: lost.signal, close };
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** Stores a position; never moves it back (a slower, older save must not undo a newer one). */
export async function savePosition(client: pg.Client, name: string, position: number): Promise<void> {
  await client.query(
    'update event_bus.consumers set position = $2, updated_at = now() where name = $1 and position < $2',
    [name, position],
  );
}
