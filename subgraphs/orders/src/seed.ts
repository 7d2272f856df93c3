import { PrismaPg } from '@prisma/adapter-pg';
import { SEED_ORDERS } from '@shopgraph/seed-data/fixture';
import type { SeedOrder } from '@shopgraph/seed-data/fixture';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { isUniqueViolation } from '@shopgraph/service-kit/database/unique-violation';
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

// An order and its lines commit together, so a crash never leaves an order without lines
// that a later run would then skip as existing.
async function insertOnce(prisma: PrismaClient, seed: SeedOrder): Promise<boolean> {
  const { order, items } = confirmedOrder(seed);
  try {
    await prisma.$transaction([prisma.order.create({ data: order }), prisma.orderItem.createMany({ data: items })]);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false; // another seed run got there first
    throw error;
  }
}

/** Creates the demo customer's past orders once; later runs leave existing ones untouched. Returns orders created. */
export async function seedOrders(databaseUrl: string): Promise<number> {
  const pool = createServicePool(databaseUrl, { max: 2 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    const ids = SEED_ORDERS.map((order) => order.id);
    const existing = new Set(
      (await prisma.order.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((o) => o.id),
    );
    let created = 0;
    for (const seed of SEED_ORDERS.filter((order) => !existing.has(order.id))) {
      if (await insertOnce(prisma, seed)) created += 1;
    }
    return created;
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
