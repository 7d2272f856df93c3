import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ORDERS } from '@shopgraph/seed-data/fixture';
import { poolConfigFromUrl } from '@shopgraph/service-kit/database/pool-config';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { seedPayments } from './seed';

describe('seedPayments', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('payments');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('pays each seed order once, for its total, and leaves the rows alone on later runs', async () => {
    expect(await seedPayments(database.url)).toBe(SEED_ORDERS.length);
    expect(await seedPayments(database.url)).toBe(0);
    const client = new pg.Client(poolConfigFromUrl(database.url));
    await client.connect();
    try {
      const { rows } = await client.query<{ order_id: string; amount: number; status: string }>(
        // amount is BIGINT, which pg returns as text; float8 is exact for every stored amount
        'select order_id, amount::float8 as amount, status from payments order by created_at',
      );
      expect(rows).toEqual(
        SEED_ORDERS.map((order) => ({ order_id: order.id, amount: order.total, status: 'CAPTURED' })),
      );
    } finally {
      await client.end();
    }
  });
});
