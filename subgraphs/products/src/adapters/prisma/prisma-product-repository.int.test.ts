import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { newId } from '@shopgraph/service-kit/ids';
import { encodeCursor } from '@shopgraph/service-kit/pagination';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { listProducts } from '../../application/list-products';
import { restockProduct } from '../../application/restock-product';
import { ADMIN, aNewProduct } from '../../testing/product-mother';
import { productRepositoryContract } from '../../testing/product-repository-contract';
import { outboxFor } from '../../testing/saga-fixture';
import { cataloguePageSql } from './catalogue-page-query';
import { Prisma, PrismaClient } from './generated/client';
import { PrismaProductRepository } from './prisma-product-repository';

describe('PrismaProductRepository on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let prisma: PrismaClient;
  let repository: PrismaProductRepository;
  const statements = { count: 0 };

  beforeAll(async () => {
    database = await createTestDatabase('products');
    pool = createServicePool(database.url, { counter: statements, max: 20 });
    prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    repository = new PrismaProductRepository(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  });

  describe('keeps the repository contract', () => {
    productRepositoryContract(async () => {
      // reservations point at products, so they go too
      await prisma.$executeRaw`TRUNCATE reservations, products`;
      return repository;
    });
  });

  it('reads a whole connection, total included, in one statement', async () => {
    await Promise.all([1, 2, 3, 4].map(() => repository.create(aNewProduct({ name: 'Counted lamp' }))));
    const before = statements.count;
    const page = await repository.page({ window: { size: 2, backward: false, cursor: undefined }, search: 'counted' });
    expect(statements.count - before).toBe(1);
    expect(page).toMatchObject({ hasNextPage: true, totalCount: 4 });
  });

  it('announces a new product and each restock through the outbox, and nothing for a refused restock', async () => {
    const lamp = await repository.create(aNewProduct({ stock: 2 }));
    await repository.increaseStock({ id: lamp.id, quantity: 3, ceiling: 1_000_000 });
    await repository.increaseStock({ id: lamp.id, quantity: 3, ceiling: 6 });
    expect(await outboxFor(pool, lamp.id)).toEqual([
      { type: 'product.created', aggregateId: lamp.id, payload: { productId: lamp.id } },
      { type: 'stock.restocked', aggregateId: lamp.id, payload: { productId: lamp.id, quantity: 3, stock: 5 } },
    ]);
  });

  it('loads any number of products by id in one statement', async () => {
    const stored = await Promise.all([1, 2, 3].map(() => repository.create(aNewProduct())));
    const before = statements.count;
    const found = await repository.findByIds([...stored.map((p) => p.id), newId()]);
    expect(statements.count - before).toBe(1);
    expect(found.map((p) => p.id).sort()).toEqual(stored.map((p) => p.id).sort());
  });

  it('refuses a malformed or forged cursor before any SQL is sent', async () => {
    const list = listProducts({ products: repository });
    const forged = encodeCursor({ createdAt: new Date(), id: "x'; drop table products; --" });
    const before = statements.count;
    await expect(list({ first: 5, after: 'not-a-cursor' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(list({ first: 5, after: forged })).rejects.toMatchObject({ kind: 'invalid' });
    expect(statements.count - before).toBe(0);
  });

  it('lets exactly one of several racing creates with the same SKU win; the others get a conflict', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => repository.create(aNewProduct({ sku: 'RACE-SKU' }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(reasons).toHaveLength(4);
    for (const reason of reasons) expect(reason).toMatchObject({ kind: 'conflict' });
    expect(await prisma.product.count({ where: { sku: 'RACE-SKU' } })).toBe(1);
  });

  it('counts every one of many concurrent restocks', async () => {
    const { id } = await repository.create(aNewProduct({ stock: 0 }));
    const restock = restockProduct({ products: repository });
    await Promise.all(Array.from({ length: 25 }, () => restock(ADMIN, { id, quantity: 4 })));
    expect((await repository.findByIds([id]))[0]?.stock).toBe(100);
  });

  it('never lets any writer take stock below zero', async () => {
    const { id } = await repository.create(aNewProduct({ stock: 3 }));
    await expect(prisma.$executeRaw`UPDATE products SET stock = stock - 4 WHERE id = ${id}::uuid`).rejects.toThrow(
      /products_stock_range/,
    );
    expect((await repository.findByIds([id]))[0]?.stock).toBe(3);
  });

  it('can serve a search from the trigram index and a page from the keyset index', async () => {
    const plan = async (sql: Prisma.Sql) =>
      prisma.$transaction(async (tx) => {
        // a near-empty table is cheaper to scan: forbid that to see which index the query can use
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        const rows = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${sql}`);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    expect(
      await plan(cataloguePageSql({ window: { size: 10, backward: false, cursor: undefined }, search: 'lamp' })),
    ).toMatch(/products_name_trgm_idx/);
    expect(await plan(cataloguePageSql({ window: { size: 10, backward: false, cursor: undefined } }))).toMatch(
      /products_created_at_id_idx/,
    );
  });
});
