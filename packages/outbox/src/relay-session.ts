import type { Pool, PoolClient } from 'pg';
import { OUTBOX_CHANNEL } from './outbox-sql';

/** The relay's own connection, holding the advisory lock that makes it the active relay. */
export interface RelaySession {
  readonly client: PoolClient;
  /** Closes the connection, which releases the lock and the LISTEN with it. */
  close(): void;
}

export interface OpenRelaySessionOptions {
  readonly pool: Pool;
  readonly lockKey: number;
  readonly onNotify: () => void;
}

/**
 * Takes a connection and the session-level advisory lock on it; `undefined` when another
 * relay holds the lock. The lock lives exactly as long as the connection, so when the active
 * relay's process or connection dies, a waiting relay gets it on its next try.
 */
export async function openRelaySession(options: OpenRelaySessionOptions): Promise<RelaySession | undefined> {
  const { pool, lockKey, onNotify } = options;
  const client = await pool.connect();
  // a checked-out client that loses its connection emits `error`; unheard, it would crash the
  // process. The next query fails anyway, and that is where the relay notices.
  client.on('error', () => {});
  // destroy, never return to the pool: a pooled connection would keep the lock and the LISTEN
  const close = () => client.release(true);
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [
      lockKey,
    ]);
    if (rows[0]?.locked !== true) {
      close();
      return undefined;
    }
    client.on('notification', onNotify);
    await client.query(`listen ${OUTBOX_CHANNEL}`);
    return { client, close };
  } catch (error) {
    close();
    throw error;
  }
}
