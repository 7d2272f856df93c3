import type pg from 'pg';
import type { ServiceMetrics } from './service-metrics';

/** `db_pool_connections{pool, state}`: a service's pg pools, read at each scrape. */
export function observePools(metrics: ServiceMetrics, pools: Readonly<Record<string, pg.Pool>>): void {
  metrics.gauge({
    name: 'db_pool_connections',
    help: 'Connections of a database pool: total open, idle, and requests waiting for one.',
    labelNames: ['pool', 'state'],
    collect() {
      for (const [pool, { totalCount, idleCount, waitingCount }] of Object.entries(pools)) {
        this.set({ pool, state: 'total' }, totalCount);
        this.set({ pool, state: 'idle' }, idleCount);
        this.set({ pool, state: 'waiting' }, waitingCount);
      }
    },
  });
}
