import type { Logger } from '@shopgraph/service-kit/logger';
import type { StackConfig } from './config';
import { resolveDatabases } from './databases';
import type { Databases } from './databases';
import { migrate } from './migrate';
import { SUBGRAPH_MODULES } from './services';
import { SUBGRAPH_NAMES } from './subgraph-names';

export interface PrepareOptions {
  readonly config: StackConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
  /** Also insert the demo data (idempotent). */
  readonly seed: boolean;
}

/** Databases reachable, migrated and (optionally) seeded; the caller stops them. */
export async function prepareDatabases({ config, env, log, seed }: PrepareOptions): Promise<Databases> {
  const databases = await resolveDatabases({
    env,
    dataDir: config.dataDir,
    embeddedPort: config.embeddedPostgresPort,
    log,
  });
  try {
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const applied = await migrate(name, databases.urls[name]);
        if (applied.length > 0) log.info({ subgraph: name, migrations: applied }, 'migrations applied');
        if (!seed) return;
        const created = await SUBGRAPH_MODULES[name].seed(databases.urls[name]);
        if (created > 0) log.info({ subgraph: name, rows: created }, 'seed data inserted');
      }),
    );
  } catch (error) {
    await databases.stop();
    throw error;
  }
  return databases;
}
