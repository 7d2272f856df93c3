import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@shopgraph/service-kit/logger';
import { loadOrCreateCredentials } from './credentials';
import { startEmbeddedPostgres } from './embedded-postgres';
import { EVENT_BUS_DATABASE, EVENT_BUS_ROLE } from './event-bus-database';
import { provisionDatabase } from './provision';
import { SUBGRAPH_NAMES, databaseUrlVariable } from './subgraph-names';
import type { SubgraphName } from './subgraph-names';

export interface DatabaseOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the embedded cluster keeps its files. */
  readonly dataDir: string;
  readonly embeddedPort: number;
  readonly log: Logger;
}

export interface Databases {
  readonly urls: Readonly<Record<SubgraphName, string>>;
  /** `EVENT_BUS_DATABASE_URL`, else the embedded cluster's `shopgraph_events` when it runs. */
  readonly eventBus: string | undefined;
  /** `embedded` when the embedded cluster serves at least one subgraph. */
  readonly source: 'embedded' | 'external';
  stop(): Promise<void>;
}

/**
 * Every subgraph's database URL: `<NAME>_DATABASE_URL` when set; otherwise a database and
 * a login role of its own on the embedded PostgreSQL, created on first use; and there too the
 * event bus database `shopgraph_events` (role `events_service`), unless `EVENT_BUS_DATABASE_URL` is set.
 */
export async function resolveDatabases({ env, dataDir, embeddedPort, log }: DatabaseOptions): Promise<Databases> {
  const given = (name: SubgraphName) => env[databaseUrlVariable(name)];
  const missing = SUBGRAPH_NAMES.filter((name) => !given(name));
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, given(name) ?? ''])) as Record<
    SubgraphName,
    string
  >;
  const givenBus = env['EVENT_BUS_DATABASE_URL'];
  if (missing.length === 0) return { urls, eventBus: givenBus, source: 'external', stop: async () => {} };

  await mkdir(dataDir, { recursive: true });
  const credentials = await loadOrCreateCredentials(dataDir);
  const cluster = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'postgres'),
    port: embeddedPort,
    password: credentials.superuser,
    onLog: (line) => log.debug({ postgres: line }),
  });
  try {
    for (const name of missing) {
      urls[name] = await provisionDatabase({
        adminUrl: cluster.adminUrl,
        database: `shopgraph_${name}`,
        role: `${name}_service`,
        password: credentials.roles[name],
      });
    }
    const eventBus =
      givenBus ??
      (await provisionDatabase({
        adminUrl: cluster.adminUrl,
        database: EVENT_BUS_DATABASE,
        role: EVENT_BUS_ROLE,
        password: credentials.eventBus,
      }));
    return { urls, eventBus, source: 'embedded', stop: () => cluster.stop() };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
