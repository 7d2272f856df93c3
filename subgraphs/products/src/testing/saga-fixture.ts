import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { pino } from 'pino';
import { orderCancelledV1, orderConfirmedV1, orderPlacedV1 } from '@shopgraph/events/order-events';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { newId } from '@shopgraph/service-kit/ids';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import { productsSagaConsumer } from '../adapters/events/products-saga-consumer';
import type { ProductsSagaEvent } from '../adapters/events/products-saga-consumer';
import { PrismaClient } from '../adapters/prisma/generated/client';
import { PrismaProductRepository } from '../adapters/prisma/prisma-product-repository';
import type { NewProduct } from '../application/ports';
import { aNewProduct } from './product-mother';

/** A fresh products database, its repository, and the saga consumer's handler on it. */
export interface SagaFixture {
  readonly pool: Pool;
  readonly products: PrismaProductRepository;
  readonly handle: (event: ProductsSagaEvent) => Promise<void>;
  /** Stores a product (as createProduct does) and returns its id. */
  aProduct(overrides?: Partial<NewProduct>): Promise<string>;
  close(): Promise<void>;
}

export async function createSagaFixture({ max = 10 }: { readonly max?: number } = {}): Promise<SagaFixture> {
  const database = await createTestDatabase('products');
  const pool = createServicePool(database.url, { max });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const products = new PrismaProductRepository(prisma);
  const { handle } = productsSagaConsumer({ pool, log: pino({ level: 'silent' }) });
  return {
    pool,
    products,
    handle,
    aProduct: async (overrides = {}) => (await products.create(aNewProduct(overrides))).id,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
      await database.drop();
    },
  };
}

/** An order.placed event of a new order (or of `orderId`). */
export function orderPlaced(
  lines: readonly { readonly productId: string; readonly quantity: number }[],
  orderId = newId(),
): ProductsSagaEvent {
  return orderPlacedV1.create({
    aggregateId: orderId,
    payload: { orderId, customerId: newId(), lines: [...lines], paymentToken: 'tok_visa' },
  });
}

export const orderConfirmed = (orderId: string): ProductsSagaEvent =>
  orderConfirmedV1.create({ aggregateId: orderId, payload: { orderId } });

export const orderCancelled = (orderId: string, reason = 'card_declined'): ProductsSagaEvent =>
  orderCancelledV1.create({ aggregateId: orderId, payload: { orderId, reason } });

/** The events the products service appended for one aggregate (an order, a product), in outbox order. */
export async function outboxFor(
  pool: Pool,
  orderId: string,
): Promise<{ readonly type: string; readonly aggregateId: string; readonly payload: unknown }[]> {
  const { rows } = await pool.query<{ type: string; aggregateId: string; payload: unknown }>(
    `select type, aggregate_id as "aggregateId", payload from outbox where aggregate_id = $1 order by sequence`,
    [orderId],
  );
  return rows;
}

/** Products whose received units are not exactly available + reserved + sold; [] when the invariant holds. */
export async function stockInvariantViolations(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `select p.id from products p left join reservations r on r.product_id = p.id
     group by p.id
     having p.received <> p.stock
       + coalesce(sum(r.quantity) filter (where r.state in ('reserved', 'sold')), 0)`,
  );
  return rows.map((row) => row.id);
}

/** Reservation states of one order, by product id. */
export async function reservationsOf(
  pool: Pool,
  orderId: string,
): Promise<Record<string, { readonly state: string; readonly quantity: number }>> {
  const { rows } = await pool.query<{ productId: string; state: string; quantity: number }>(
    `select product_id as "productId", state, quantity from reservations where order_id = $1::uuid`,
    [orderId],
  );
  return Object.fromEntries(rows.map(({ productId, state, quantity }) => [productId, { state, quantity }]));
}
