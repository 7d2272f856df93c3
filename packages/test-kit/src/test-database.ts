import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { guardClient } from '@shopgraph/service-kit/database/guard-pool';
import { poolConfigFromUrl } from '@shopgraph/service-kit/database/pool-config';
import { provisionDatabase } from '@shopgraph/stack/provision';
import type { SubgraphName } from '@shopgraph/stack/subgraph-names';
import { TEST_ROLE_PASSWORD, serviceRole, templateDatabase } from './test-cluster';

export interface TestDatabase {
  /** Connects as the subgraph's own role, as the service would. */
  readonly url: string;
  drop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh, migrated database for one subgraph, copied from the run's template. */
export async function createTestDatabase(name: SubgraphName): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const database = `test_${name}_${randomBytes(6).toString('hex')}`;
  const options = {
    adminUrl,
    database,
    role: serviceRole(name),
    password: TEST_ROLE_PASSWORD,
    template: templateDatabase(name),
  };
  // PostgreSQL refuses to copy a template another session is copying at that moment; on a busy
  // machine many test files copy at once, so keep trying for about two minutes
  for (let attempt = 1; ; attempt++) {
    try {
      const url = await provisionDatabase(options);
      return { url, drop: () => dropDatabase(adminUrl, database) };
    } catch (error) {
      if (attempt >= 150 || !String(error).includes('being accessed by other users')) throw error;
      await sleep(Math.min(1_000, 50 * attempt));
    }
  }
}

/** Drops `database`, closing whatever sessions it still has. */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = guardClient(new pg.Client(poolConfigFromUrl(adminUrl)));
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await admin.end();
  }
}
