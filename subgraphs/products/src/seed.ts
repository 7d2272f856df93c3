import { PrismaPg } from '@prisma/adapter-pg';
import { SEED_PRODUCTS } from '@shopgraph/seed-data/fixture';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { PrismaClient } from './adapters/prisma/generated/client';
import { toRecord } from './adapters/prisma/product-record';

/** Creates the demo catalogue once; later runs leave existing rows (and their stock) untouched. Returns rows created. */
export async function seedProducts(databaseUrl: string): Promise<number> {
  const pool = createServicePool(databaseUrl, { max: 2 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    // stored as the repository stores a new product: its whole stock counts as received
    const data = SEED_PRODUCTS.map(({ price, currency, ...product }) =>
      toRecord({ ...product, price: { amount: price, currency } }),
    );
    return (await prisma.product.createMany({ data, skipDuplicates: true })).count;
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
