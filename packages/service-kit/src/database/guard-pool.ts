import type pg from 'pg';

/** Where a guarded pool reports a lost connection: a pino logger fits. */
export interface ConnectionErrorLog {
  warn(details: { err: Error; pool: string }, message: string): void;
}

/** Options of {@link guardPool}. */
export interface GuardPoolOptions {
  /** Names the pool in the log line (`requests`, `background`, `outbox`…). Default `database`. */
  readonly name?: string;
  /** Default: not logged (a CLI whose failing statement reports the error anyway). */
  readonly log?: ConnectionErrorLog;
}

const SILENT: ConnectionErrorLog = { warn: () => {} };

/** The one listener a guarded client gets, so guarding twice (or a client reused) adds nothing. */
const GUARDED = Symbol('shopgraph.guarded');
type Guardable = { on(event: 'error', listener: (error: Error) => void): unknown; [GUARDED]?: true };

/**
 * Makes a lost connection an ordinary failure instead of a crash. A `pg` client emits `error`
 * when its server goes away (a killed or restarted postmaster, a network cut); an `error`
 * event nobody listens to kills the Node process. `pg.Pool` listens while a client is idle
 * but not while it is checked out (a transaction in progress), nor does a bare `pg.Client`.
 * This listens on the pool and on every client from the moment it connects, for its whole
 * life, logs once per client and does nothing else: the operation in progress (or the next
 * one) rejects as it would anyway, and the pool replaces the broken connection.
 */
export function guardPool<P extends pg.Pool>(pool: P, options: GuardPoolOptions): P {
  const { name = 'database', log = SILENT } = options;
  // the pool re-emits an idle client's error; that client's own listener has logged it already
  pool.on('error', () => {});
  pool.on('connect', (client) => guardClient(client, { name, log }));
  return pool;
}

/** The same protection for one `pg.Client` that no pool owns (an admin or LISTEN connection). */
export function guardClient<C extends Guardable>(client: C, options: GuardPoolOptions = {}): C {
  if (client[GUARDED]) return client;
  client[GUARDED] = true;
  client.on('error', reportOnce(options.name ?? 'database', options.log ?? SILENT));
  return client;
}

// one log line per client: a dead connection can emit several errors (error, then end)
function reportOnce(name: string, log: ConnectionErrorLog): (error: Error) => void {
  let reported = false;
  return (error: Error) => {
    if (reported) return;
    reported = true;
    log.warn({ err: error, pool: name }, 'database connection lost; the operation using it fails');
  };
}
