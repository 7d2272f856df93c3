import type pg from 'pg';

/** Options of {@link databaseAnswers}. */
export interface DatabaseProbeOptions {
  /** Longer than this is "not ready". Default 2 s: `/ready` must answer before its caller gives up. */
  readonly timeoutMs?: number;
}

/**
 * Whether `pool`'s database answers `select 1` within `timeoutMs`: `/ready`'s probe. A paused or
 * unreachable database, or a pool with no free connection, is "no" rather than a hung probe.
 */
export async function databaseAnswers(pool: pg.Pool, options: DatabaseProbeOptions = {}): Promise<boolean> {
  const { timeoutMs = 2_000 } = options;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = pool
    .query('select 1')
    .then((result) => result.rowCount === 1)
    .catch(() => false);
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
}
