import { SUBGRAPH_MODULES } from '@shopgraph/stack/services';
import { SUBGRAPH_NAMES } from '@shopgraph/stack/subgraph-names';
import type { SubgraphName } from '@shopgraph/stack/subgraph-names';
import { createTestDatabase } from './test-database';

export interface SeededDatabases {
  /** Each subgraph's database, as its own role connects to it. */
  readonly urls: Readonly<Record<SubgraphName, string>>;
  drop(): Promise<void>;
}

/** A fresh, migrated and seeded database per subgraph, copied from the run's templates. */
export async function createSeededDatabases(): Promise<SeededDatabases> {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => [name, await createTestDatabase(name)] as const),
  );
  const drop = async () => void (await Promise.all(entries.map(([, database]) => database.drop())));
  try {
    await Promise.all(entries.map(([name, database]) => SUBGRAPH_MODULES[name].seed(database.url)));
  } catch (error) {
    await drop();
    throw error;
  }
  const urls = Object.fromEntries(entries.map(([name, database]) => [name, database.url]));
  return { urls: urls as Record<SubgraphName, string>, drop };
}
