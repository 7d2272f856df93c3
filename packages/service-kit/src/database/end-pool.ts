import type pg from 'pg';

/** Where {@link endPool} reports connections still lent out when a service stops: a pino logger fits. */
export interface PoolEndLog {
  error(details: { pool: string; inUse: number; waiting: number }, message: string): void;
}

/** Options of {@link endPool}. */
export interface EndPoolOptions {
  /** Names the pool in the log line (`requests`, `background`…). */
  readonly name: string;
  readonly log: PoolEndLog;
  /** How long connections still in use may take to come back, then again once closed. Default 10 s. */
  readonly graceMs?: number;
}

const DEFAULT_GRACE_MS = 10_000;

// every connection a tracked pool has open, lent out or idle, until the pool removes it
const openClients = new WeakMap<pg.Pool, Set<pg.Client>>();

/** Has {@link endPool} know `pool`'s connections, so it can close those never given back. */
export function trackClients<P extends pg.Pool>(pool: P): P {
  const clients = new Set<pg.Client>();
  // the pool's events hand out its clients typed as lent ones, which have no `end`; they are Clients
  pool.on('connect', (client) => clients.add(client as unknown as pg.Client));
  pool.on('remove', (client) => clients.delete(client as unknown as pg.Client));
  openClients.set(pool, clients);
  return pool;
}

/**
 * Ends `pool` as a stopping service must: in bounded time. `pool.end()` waits for every
 * connection lent out to come back, and one that never does (a holder stuck on a dead socket,
 * or a leak) would keep the process from exiting for ever. Past `graceMs` this logs the pool
 * and how much of it is still in use, closes those connections (their holders' statements fail,
 * so they give them back), and waits `graceMs` once more before it stops waiting at all.
 */
export async function endPool(pool: pg.Pool, options: EndPoolOptions): Promise<void> {
  const { name, log, graceMs = DEFAULT_GRACE_MS } = options;
  const ended = pool.end();
  if (await settlesWithin(ended, graceMs)) return;
  const held = { pool: name, inUse: pool.totalCount - pool.idleCount, waiting: pool.waitingCount };
  log.error(held, `stopping: connections still in use after ${graceMs} ms; closing them`);
  for (const client of openClients.get(pool) ?? []) void client.end().catch(() => {});
  if (await settlesWithin(ended, graceMs)) return;
  log.error(held, 'stopping: the pool did not end after its connections were closed; not waiting for it');
}

async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
