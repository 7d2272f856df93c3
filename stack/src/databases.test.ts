import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@shopgraph/service-kit/logger';
import { resolveDatabases } from './databases';

const external = {
  USERS_DATABASE_URL: 'postgres://u:p@users-db:5432/users',
  PRODUCTS_DATABASE_URL: 'postgres://u:p@products-db:5432/products',
  ORDERS_DATABASE_URL: 'postgres://u:p@orders-db:5432/orders',
  PAYMENTS_DATABASE_URL: 'postgres://u:p@payments-db:5432/payments',
};

describe('choosing the databases for npm start', () => {
  it('uses the given URLs and starts no embedded PostgreSQL when every subgraph has one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'shopgraph-external-'));
    try {
      const databases = await resolveDatabases({
        env: external,
        dataDir,
        embeddedPort: 1,
        log: createLogger('test', 'silent'),
      });
      expect(databases.source).toBe('external');
      expect(databases.urls).toEqual({
        users: external.USERS_DATABASE_URL,
        products: external.PRODUCTS_DATABASE_URL,
        orders: external.ORDERS_DATABASE_URL,
        payments: external.PAYMENTS_DATABASE_URL,
      });
      await databases.stop();
      expect(await readdir(dataDir)).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
