import pg from 'pg';
import { poolConfigFromUrl } from './pool-config';

/** Counts SQL statements a pool sends; tests use it to prove there is no N+1. */
export interface StatementCounter {
  count: number;
}

/** Options of {@link createServicePool}. */
export interface ServicePoolOptions {
  /** Connections at most. Default 10. */
  readonly max?: number;
  readonly counter?: StatementCounter;
  /** Told when an idle connection dies (database restart); the pool replaces it. */
  readonly onIdleError?: (error: Error) => void;
}

/** The pg pool a service's Prisma client runs on. */
export function createServicePool(url: string, options: ServicePoolOptions = {}): pg.Pool {
  const { max = 10, counter, onIdleError = () => {} } = options;
  const base = { ...poolConfigFromUrl(url), max, application_name: 'shopgraph' };
  const pool = counter ? new pg.Pool({ ...base, Client: countingClient(counter) }) : new pg.Pool(base);
  // without a listener, an idle connection's error would crash the process
  pool.on('error', onIdleError);
  return pool;
}

function countingClient(counter: StatementCounter): typeof pg.Client {
  return class CountingClient extends pg.Client {
    override query(...args: unknown[]): never {
      counter.count += 1;
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}
