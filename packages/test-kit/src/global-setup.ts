import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@shopgraph/stack/embedded-postgres';
import { migrate } from '@shopgraph/stack/migrate';
import { provisionDatabase } from '@shopgraph/stack/provision';
import { SUBGRAPH_NAMES } from '@shopgraph/stack/subgraph-names';
import type { SubgraphName } from '@shopgraph/stack/subgraph-names';
import { freePort } from './free-port';
import { TEST_ROLE_PASSWORD, templateDatabase, serviceRole } from './test-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

// TEST_TEMPLATES=products limits the run to some subgraphs' databases (while working on one)
function templatesToBuild(): readonly SubgraphName[] {
  const only = process.env['TEST_TEMPLATES']?.split(',').map((name) => name.trim());
  return only ? SUBGRAPH_NAMES.filter((name) => only.includes(name)) : SUBGRAPH_NAMES;
}

/**
 * One real PostgreSQL for the whole run, on a free port in a temporary directory, with a
 * migrated template database per subgraph; test files copy the templates in milliseconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'shopgraph-test-pg-'));
  const cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: 'test-superuser' });
  // settle every database before deciding: stopping the cluster under a live
  // connection would crash this process instead of reporting the real failure
  const outcomes = await Promise.allSettled(
    templatesToBuild().map(async (name) => {
      const url = await provisionDatabase({
        adminUrl: cluster.adminUrl,
        database: templateDatabase(name),
        role: serviceRole(name),
        password: TEST_ROLE_PASSWORD,
      });
      await migrate(name, url);
    }),
  );
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    await cluster.stop();
    throw failure.reason;
  }
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return async () => {
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
