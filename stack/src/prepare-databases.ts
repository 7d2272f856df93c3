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
  /** Also insert the demo data (idempotent), except under NODE_ENV=production. */
  readonly seed: boolean;
}

/** The databases, and whether the demo data is in them. */
export interface PreparedDatabases extends Databases {
  readonly seeded: boolean;
}

/** Message of the refusal to seed in production: the demo accounts' passwords are public. */
export const NO_DEMO_DATA_IN_PRODUCTION =
  'NODE_ENV=production: the demo data (accounts with public passwords, products, orders) is never seeded';

/**
 * Databases reachable, migrated and (optionally) seeded; the caller stops them. Under
 * NODE_ENV=production nothing is seeded whatever `seed` says: `admin@shop.test` with its
 * published password must never exist on a real shop.
 */
export async function prepareDatabases(options: PrepareOptions): Promise<PreparedDatabases> {
  const { config, env, log } = options;
  const seed = options.seed && config.environment !== 'production';
  if (options.seed && !seed) log.warn(NO_DEMO_DATA_IN_PRODUCTION);
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
  return { ...databases, seeded: seed };
}
