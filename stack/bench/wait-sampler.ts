import pg from 'pg';

/** A running sample of what the services' backends wait on; `stop` returns the tally. */
export interface WaitSampler {
  stop(): Promise<string>;
}

const SAMPLE = `select current_database() as db, coalesce(wait_event_type || ':' || wait_event, 'running') as wait
  from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()`;

/**
 * Samples `pg_stat_activity` of each database every `everyMs` (default 200 ms), as each
 * service's own role sees its own backends, and tallies the non-idle ones by database and wait
 * event: where the time of a contended phase goes (decision 0046). `BENCH_WAITS=1` turns it on.
 */
export function sampleWaits(databases: Readonly<Record<string, string>>, everyMs = 200): WaitSampler {
  const pools = Object.values(databases).map((url) => new pg.Pool({ connectionString: url, max: 1 }));
  const tally = new Map<string, number>();
  let samples = 0;
  const sampleOnce = async () => {
    samples += 1;
    const results = await Promise.all(pools.map((pool) => pool.query<{ db: string; wait: string }>(SAMPLE)));
    for (const { db, wait } of results.flatMap((result) => result.rows)) {
      const key = `${db} ${wait}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
  };
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    pending = pending.then(sampleOnce).catch(() => undefined);
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      await Promise.all(pools.map((pool) => pool.end()));
      const total = [...tally.values()].reduce((sum, count) => sum + count, 0);
      const top = [...tally].toSorted((a, b) => b[1] - a[1]).slice(0, 12);
      const lines = top.map(([key, count]) => `  ${key}: ${count} (${((100 * count) / total).toFixed(0)} %)`);
      return [`${samples} samples, ${total} non-idle backend samples:`, ...lines].join('\n');
    },
  };
}
