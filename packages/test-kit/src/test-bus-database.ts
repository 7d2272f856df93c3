import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { provisionDatabase } from '@shopgraph/stack/provision';
import { TEST_ROLE_PASSWORD } from './test-cluster';
import { dropDatabase } from './test-database';
import type { TestDatabase } from './test-database';

/** The role every test bus database belongs to, as `events_service` owns `npm start`'s. */
export const TEST_BUS_ROLE = 'events_service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// several test files provision at once; the role's password update may collide
const RETRYABLE = /tuple concurrently updated|already exists/;

/**
 * A fresh, empty database for a Postgres event bus in the run's test cluster: the bus creates
 * schema `event_bus` itself when it connects. `url` connects as {@link TEST_BUS_ROLE}.
 */
export async function createTestBusDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const database = `test_events_${randomBytes(6).toString('hex')}`;
  const options = { adminUrl, database, role: TEST_BUS_ROLE, password: TEST_ROLE_PASSWORD };
  for (let attempt = 1; ; attempt++) {
    try {
      const url = await provisionDatabase(options);
      return { url, drop: () => dropDatabase(adminUrl, database) };
    } catch (error) {
      if (attempt >= 20 || !RETRYABLE.test(String(error))) throw error;
      await sleep(50 * attempt);
    }
  }
}
