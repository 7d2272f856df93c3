import type { Pool } from 'pg';
import type { Gauge } from 'prom-client';
import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';

// the partial index on unpublished rows keeps this cheap however large the published history
const BACKLOG_SQL = `
select count(*)::int as backlog,
       coalesce(extract(epoch from now() - min(occurred_at)), 0)::float8 as oldest_seconds
  from outbox
 where published_at is null and dead_letter is null`;

/**
 * `outbox_backlog_events` and `outbox_oldest_unpublished_age_seconds`, read from the service's
 * outbox at each scrape. A scrape while the database is away leaves both unset (no sample),
 * rather than failing the whole page.
 */
export function observeOutbox(metrics: ServiceMetrics, pool: Pool): void {
  // prom-client writes metrics in registration order, collecting each just before: the one that
  // queries comes first and sets the other too
  let oldest: Gauge | undefined = undefined;
  metrics.gauge({
    name: 'outbox_backlog_events',
    help: 'Events written to the outbox and not yet published to the bus.',
    async collect() {
      try {
        const { rows } = await pool.query<{ backlog: number; oldest_seconds: number }>(BACKLOG_SQL);
        this.set(rows[0]?.backlog ?? 0);
        oldest?.set(rows[0]?.oldest_seconds ?? 0);
      } catch {
        this.reset();
        oldest?.reset();
      }
    },
  });
  oldest = metrics.gauge({
    name: 'outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest event in the outbox not yet published (0 when none waits).',
  });
}
