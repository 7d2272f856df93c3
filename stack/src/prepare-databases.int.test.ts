import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_LOGINS } from '@shopgraph/seed-data/fixture';
import { createLogger } from '@shopgraph/service-kit/logger';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import type { StackConfig } from './config';
import { prepareDatabases } from './prepare-databases';
import { SUBGRAPH_NAMES } from './subgraph-names';

const rows = async (url: string, table: string): Promise<number> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const {
      rows: [row],
    } = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
    return Number(row?.n);
  } finally {
    await client.end();
  }
};

describe('preparing the databases', () => {
  const created: TestDatabase[] = [];
  const fresh = async () => {
    const databases = await Promise.all(SUBGRAPH_NAMES.map((name) => createTestDatabase(name)));
    created.push(...databases);
    const env = Object.fromEntries(
      SUBGRAPH_NAMES.map((name, index) => [`${name.toUpperCase()}_DATABASE_URL`, databases[index]?.url ?? '']),
    );
    return { env, users: databases[0]?.url ?? '', products: databases[1]?.url ?? '' };
  };
  const config = (environment: StackConfig['environment']): StackConfig => ({
    environment,
    logLevel: 'silent',
    dataDir: '/nonexistent',
    embeddedPostgresPort: 5433,
  });
  const log = createLogger('test', 'silent');
  beforeAll(() => expect(SEED_LOGINS.admin.email).toBe('admin@shop.test'));
  afterAll(() => Promise.all(created.map((database) => database.drop())));

  it('never seeds the demo accounts or data under NODE_ENV=production, and reports it did not', async () => {
    const { env, users, products } = await fresh();
    const prepared = await prepareDatabases({ config: config('production'), env, log, seed: true });
    await prepared.stop();
    expect(prepared.seeded).toBe(false);
    expect(await rows(users, 'users')).toBe(0);
    expect(await rows(products, 'products')).toBe(0);
  });

  it('seeds the demo data in development', async () => {
    const { env, users } = await fresh();
    const prepared = await prepareDatabases({ config: config('development'), env, log, seed: true });
    await prepared.stop();
    expect(prepared.seeded).toBe(true);
    expect(await rows(users, 'users')).toBeGreaterThan(0);
  });
});
