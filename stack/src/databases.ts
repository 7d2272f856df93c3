import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@shopgraph/service-kit/logger';
import { loadOrCreateCredentials } from './credentials';
import { startEmbeddedPostgres } from './embedded-postgres';
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
  /** `embedded` when the embedded cluster serves at least one subgraph. */
  readonly source: 'embedded' | 'external';
  stop(): Promise<void>;
}

/**
 * Every subgraph's database URL: `<NAME>_DATABASE_URL` when set; otherwise a database and
 * a login role of its own on the embedded PostgreSQL, created on first use.
 */
export async function resolveDatabases({ env, dataDir, embeddedPort, log }: DatabaseOptions): Promise<Databases> {
  const given = (name: SubgraphName) => env[databaseUrlVariable(name)];
  const missing = SUBGRAPH_NAMES.filter((name) => !given(name));
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, given(name) ?? ''])) as Record<
    SubgraphName,
    string
  >;
  if (missing.length === 0) return { urls, source: 'external', stop: async () => {} };

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
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { urls, source: 'embedded', stop: () => cluster.stop() };
}
