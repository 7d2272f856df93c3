import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PRODUCTS } from '@shopgraph/seed-data/fixture';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { PrismaClient } from './adapters/prisma/generated/client';
import { seedProducts } from './seed';

describe('seedProducts', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('products');
  });
  afterAll(() => database.drop());

  it('creates the demo catalogue once and leaves it, stock included, alone on later runs', async () => {
    expect(await seedProducts(database.url)).toBe(SEED_PRODUCTS.length);
    const pool = createServicePool(database.url, { max: 1 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    try {
      const first = SEED_PRODUCTS[0];
      await prisma.product.update({ where: { id: first?.id ?? '' }, data: { stock: 0 } });
      expect(await seedProducts(database.url)).toBe(0);
      expect(await prisma.product.count()).toBe(SEED_PRODUCTS.length);
      expect((await prisma.product.findUnique({ where: { id: first?.id ?? '' } }))?.stock).toBe(0);
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  });
});
