import { PrismaPg } from '@prisma/adapter-pg';
import { SEED_ORDERS } from '@shopgraph/seed-data/fixture';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { PrismaClient } from './adapters/prisma/generated/client';

/** The demo customer's past orders were all paid: one CAPTURED payment each, at the order's time. */
const seedPaymentRows = () =>
  SEED_ORDERS.map((order) => ({
    id: order.paymentId,
    orderId: order.id,
    customerId: order.customerId,
    amount: order.total,
    currency: order.currency,
    status: 'CAPTURED' as const,
    createdAt: order.createdAt,
  }));

/** Creates the demo payments once; later runs leave existing rows untouched. Returns rows created. */
export async function seedPayments(databaseUrl: string): Promise<number> {
  const pool = createServicePool(databaseUrl, { max: 2 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    return (await prisma.payment.createMany({ data: seedPaymentRows(), skipDuplicates: true })).count;
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
