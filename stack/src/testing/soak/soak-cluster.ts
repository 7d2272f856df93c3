import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@shopgraph/test-kit/free-port';
import { startEmbeddedPostgres } from '../../embedded-postgres';
import { migrate } from '../../migrate';
import { provisionDatabase } from '../../provision';
import { SUBGRAPH_MODULES } from '../../services';
import { SUBGRAPH_NAMES } from '../../subgraph-names';
import type { SubgraphName } from '../../subgraph-names';

const PASSWORD = 'soak-password';
const template = (name: SubgraphName) => `soak_template_${name}`;
const role = (name: SubgraphName) => `${name}_service`;

/** One set of seeded databases on the soak cluster: one per subgraph, and one for a database-backed bus. */
export interface SoakDatabases {
  readonly urls: Readonly<Record<SubgraphName, string>>;
  /** An empty database of its own, for a bus that keeps its log in PostgreSQL. */
  readonly eventsUrl: string;
}

/** A PostgreSQL cluster of the soak test's own, so that freezing it stalls nobody else's tests. */
export interface SoakCluster {
  /** The cluster's directory: where `postmaster.pid` tells whom to freeze. */
  readonly dataDir: string;
  /** Fresh, migrated and seeded databases, copied from the cluster's templates. */
  databases(label: string): Promise<SoakDatabases>;
  stop(): Promise<void>;
}

/** Starts the cluster and migrates one template database per subgraph (once). */
export async function startSoakCluster(): Promise<SoakCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'shopgraph-soak-pg-'));
  const dataDir = join(dir, 'cluster');
  const cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: PASSWORD });
  const provision = (database: string, name: SubgraphName, from?: string) =>
    provisionDatabase({
      adminUrl: cluster.adminUrl,
      database,
      role: role(name),
      password: PASSWORD,
      ...(from && { template: from }),
    });
  const stop = async () => {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const name of SUBGRAPH_NAMES) await migrate(name, await provision(template(name), name));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    dataDir,
    async databases(label) {
      const entries = await Promise.all(
        SUBGRAPH_NAMES.map(async (name) => {
          const url = await provision(`soak_${label}_${name}`, name, template(name));
          await SUBGRAPH_MODULES[name].seed(url);
          return [name, url] as const;
        }),
      );
      const eventsUrl = await provisionDatabase({
        adminUrl: cluster.adminUrl,
        database: `soak_${label}_events`,
        role: 'events_service',
        password: PASSWORD,
      });
      return { urls: Object.fromEntries(entries) as Record<SubgraphName, string>, eventsUrl };
    },
    stop,
  };
}
