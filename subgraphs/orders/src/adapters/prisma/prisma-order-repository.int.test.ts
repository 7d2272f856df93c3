import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { newId } from '@shopgraph/service-kit/ids';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { orderRepositoryContract } from '../../application/order-repository-contract';
import type { Order } from '../../domain/order';
import { anOrder } from '../../testing/order-mother';
import { PrismaClient } from './generated/client';
import { PrismaOrderRepository } from './prisma-order-repository';

/** Stores orders through the query builder, lines written last-first so position, not insertion, orders them. */
async function insertOrders(prisma: PrismaClient, orders: readonly Order[]): Promise<void> {
  for (const { lines, total, customerId, ...order } of orders) {
    const items = lines.map((line, position) => ({
      position,
      productId: line.productId,
      quantity: line.quantity,
      unitPrice: line.unitPrice?.amount ?? null,
      currency: line.unitPrice?.currency ?? null,
    }));
    await prisma.order.create({
      data: { ...order, customerId, totalAmount: total?.amount ?? null, currency: total?.currency ?? null },
    });
    await prisma.orderItem.createMany({ data: items.toReversed().map((item) => ({ ...item, orderId: order.id })) });
  }
}

describe('PrismaOrderRepository on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let prisma: PrismaClient;
  let repository: PrismaOrderRepository;
  const statements = { count: 0 };

  beforeAll(async () => {
    database = await createTestDatabase('orders');
    pool = createServicePool(database.url, { counter: statements });
    prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    repository = new PrismaOrderRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  });

  orderRepositoryContract(() => ({ repository, insert: (orders) => insertOrders(prisma, orders) }));

  it('loads any number of orders with their lines in one statement', async () => {
    const orders = [anOrder(), anOrder(), anOrder(), anOrder()];
    await insertOrders(prisma, orders);
    const before = statements.count;
    const found = await repository.findByIds([...orders.map((order) => order.id), newId()]);
    expect(statements.count - before).toBe(1);
    expect(found.map((order) => order.lines.length)).toEqual([2, 2, 2, 2]);
  });

  it('reads a page of orders, their lines and the total count in one statement', async () => {
    const customerId = newId();
    const orders = [1, 2, 3, 4].map((day) => anOrder({ customerId, createdAt: new Date(Date.UTC(2026, 4, day)) }));
    await insertOrders(prisma, orders);
    const before = statements.count;
    const page = await repository.pageOfCustomer({
      customerId,
      window: { size: 3, backward: false, cursor: undefined },
    });
    expect(statements.count - before).toBe(1);
    expect(page).toMatchObject({ hasNextPage: true, totalCount: 4 });
    expect(page.items.every((order) => order.lines.length === 2)).toBe(true);
  });

  it('refuses a line with quantity 0 or above 100 in the database itself', async () => {
    const order = anOrder({ lines: [] });
    await insertOrders(prisma, [order]);
    const line = (quantity: number, position: number) => ({
      orderId: order.id,
      position,
      productId: newId(),
      quantity,
    });
    await expect(prisma.orderItem.create({ data: line(0, 0) })).rejects.toThrow(/order_items_quantity_check/);
    await expect(prisma.orderItem.create({ data: line(101, 1) })).rejects.toThrow(/order_items_quantity_check/);
    await expect(prisma.orderItem.create({ data: line(100, 2) })).resolves.toMatchObject({ quantity: 100 });
  });
});
