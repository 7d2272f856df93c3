import type { Tracer } from '@opentelemetry/api';
import pg from 'pg';
import { tracedClient } from '../tracing/traced-client';
import { trackClients } from './end-pool';
import { guardPool } from './guard-pool';
import type { ConnectionErrorLog } from './guard-pool';
import { poolConfigFromUrl } from './pool-config';
import { preparingClient } from './prepared-statements';

/** Counts SQL statements a pool sends; tests use it to prove there is no N+1. */
export interface StatementCounter {
  count: number;
}

/** How long a pool waits for the database before it gives up (`DATABASE_*_TIMEOUT_MS`). */
export interface DatabaseTimeouts {
  /** Waiting for a connection (a new one, or a free one of the pool). Default 5 s. */
  readonly connectMs: number;
  /** One statement, cancelled by the server past it (`statement_timeout`). Default 10 s. */
  readonly statementMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, statementMs: 10_000 };

// the client gives up this long after the server should have cancelled the statement itself:
// only a server that answers nothing at all (paused, cut off) is left to the client's timer
const CLIENT_GRACE_MS = 2_000;

/** Options of {@link createServicePool}. */
export interface ServicePoolOptions {
  /** Connections at most. Default 10. */
  readonly max?: number;
  readonly counter?: StatementCounter;
  /** Makes every statement a span (see {@link tracedClient}). Default: none, tracing off. */
  readonly tracer?: Tracer | undefined;
  /** Default {@link DEFAULT_DATABASE_TIMEOUTS}. */
  readonly timeouts?: DatabaseTimeouts;
  /** Where lost connections are logged, once each (see {@link guardPool}). Default: not logged. */
  readonly log?: ConnectionErrorLog;
  /** Names the pool in those log lines. Default `database`. */
  readonly name?: string;
  /** Also told when an idle connection dies (database restart); the pool replaces it. */
  readonly onIdleError?: (error: Error) => void;
}

/**
 * The pg pool a service's Prisma client and SQL run on. Guarded: no connection error can crash
 * the process (see {@link guardPool}); bounded: with the database away, a request fails within
 * `connectMs` (or `statementMs` plus a grace), instead of waiting for TCP to give up.
 */
export function createServicePool(url: string, options: ServicePoolOptions = {}): pg.Pool {
  const { max = 10, counter, tracer, timeouts = DEFAULT_DATABASE_TIMEOUTS, log, name, onIdleError } = options;
  const base: pg.PoolConfig = {
    ...poolConfigFromUrl(url),
    max,
    application_name: 'shopgraph',
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.statementMs + CLIENT_GRACE_MS,
  };
  const prepared = clientClassFor(url);
  const counted = counter ? countingClient(prepared, counter) : prepared;
  const Client = tracer ? tracedClient(counted, tracer) : counted;
  const pool = new pg.Pool({ ...base, Client });
  guardPool(pool, { ...(log && { log }), ...(name !== undefined && { name }) });
  if (onIdleError) pool.on('error', onIdleError);
  return trackClients(pool);
}

/**
 * The client class for a database URL: one that prepares its parameterized statements
 * ({@link preparingClient}), unless the URL says a pooler in transaction mode is in between
 * (`?pgbouncer=true`), where a named statement could meet another client's connection.
 */
export function clientClassFor(url: string): typeof pg.Client {
  return new URL(url).searchParams.get('pgbouncer') === 'true' ? pg.Client : preparingClient(pg.Client);
}

function countingClient(Base: typeof pg.Client, counter: StatementCounter): typeof pg.Client {
  return class CountingClient extends Base {
    override query(...args: unknown[]): never {
      counter.count += 1;
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}
