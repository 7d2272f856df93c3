import { PrismaPg } from '@prisma/adapter-pg';
import { SEED_PRODUCTS } from '@shopgraph/seed-data/fixture';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { PrismaClient } from './adapters/prisma/generated/client';

/** Creates the demo catalogue once; later runs leave existing rows (and their stock) untouched. Returns rows created. */
export async function seedProducts(databaseUrl: string): Promise<number> {
  const pool = createServicePool(databaseUrl, { max: 2 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    // whitelist: the fixture may grow fields this table does not have
    const data = SEED_PRODUCTS.map(({ id, sku, name, description, price, currency, stock, createdAt }) => ({
      id,
      sku,
      name,
      description,
      price,
      currency,
      stock,
      // a new product has received exactly what it holds (see the stock invariant)
      received: stock,
      createdAt,
    }));
    return (await prisma.product.createMany({ data, skipDuplicates: true })).count;
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
