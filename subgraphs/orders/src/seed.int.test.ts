import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ORDERS } from '@shopgraph/seed-data/fixture';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PrismaOrderRepository } from './adapters/prisma/prisma-order-repository';
import { seedOrders } from './seed';

describe('seedOrders', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('orders');
  });
  afterAll(async () => {
    await database.drop();
  });

  it("creates the demo customer's confirmed, priced orders once and nothing on a second run", async () => {
    expect(await seedOrders(database.url)).toBe(SEED_ORDERS.length);
    expect(await seedOrders(database.url)).toBe(0);

    const pool = createServicePool(database.url, { max: 1 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    try {
      const orders = await new PrismaOrderRepository(prisma).findByIds(SEED_ORDERS.map((order) => order.id));
      expect(orders).toHaveLength(SEED_ORDERS.length);
      for (const seed of SEED_ORDERS) {
        const order = orders.find((candidate) => candidate.id === seed.id);
        expect(order).toMatchObject({ status: 'CONFIRMED', customerId: seed.customerId, createdAt: seed.createdAt });
        expect(order?.total).toEqual({ amount: seed.total, currency: 'EUR' });
        expect(order?.lines.map((line) => [line.productId, line.quantity, line.unitPrice?.amount])).toEqual(
          seed.lines.map((line) => [line.productId, line.quantity, line.unitPrice]),
        );
      }
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  });
});
