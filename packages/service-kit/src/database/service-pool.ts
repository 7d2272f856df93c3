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
}

/** The pg pool a service's Prisma client runs on. */
export function createServicePool(url: string, options: ServicePoolOptions = {}): pg.Pool {
  const { max = 10, counter } = options;
  const base = { ...poolConfigFromUrl(url), max, application_name: 'shopgraph' };
  if (!counter) return new pg.Pool(base);
  const counted = counter;
  class CountingClient extends pg.Client {
    override query(...args: unknown[]): never {
      counted.count += 1;
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  }
  return new pg.Pool({ ...base, Client: CountingClient });
}
