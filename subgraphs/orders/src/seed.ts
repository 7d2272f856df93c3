import { PrismaPg } from '@prisma/adapter-pg';
import { SEED_ORDERS } from '@shopgraph/seed-data/fixture';
import type { SeedOrder } from '@shopgraph/seed-data/fixture';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { PrismaClient } from './adapters/prisma/generated/client';

/** A seed order as it was once it had been paid: CONFIRMED, every line priced. */
function confirmedOrder(seed: SeedOrder) {
  const { id, customerId, currency, createdAt, total } = seed;
  return {
    order: {
      id,
      customerId,
      status: 'CONFIRMED' as const,
      totalAmount: total,
      currency,
      createdAt,
      updatedAt: createdAt,
    },
    items: seed.lines.map(({ productId, quantity, unitPrice }, position) => ({
      orderId: id,
      position,
      productId,
      quantity,
      unitPrice,
      currency,
    })),
  };
}

/** Creates the demo customer's past orders once; later runs leave existing ones untouched. Returns orders created. */
export async function seedOrders(databaseUrl: string): Promise<number> {
  const pool = createServicePool(databaseUrl, { max: 2 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    const confirmed = SEED_ORDERS.map(confirmedOrder);
    // one transaction, so a crash never leaves an order without its lines; on conflict do
    // nothing, so a later or concurrent run adds nothing twice
    const [orders] = await prisma.$transaction([
      prisma.order.createMany({ data: confirmed.map(({ order }) => order), skipDuplicates: true }),
      prisma.orderItem.createMany({ data: confirmed.flatMap(({ items }) => items), skipDuplicates: true }),
    ]);
    return orders.count;
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
