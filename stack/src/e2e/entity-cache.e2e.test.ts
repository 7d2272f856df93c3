import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stockRestockedV1 } from '@shopgraph/events/stock-events';
import { appendToOutbox } from '@shopgraph/outbox/append-to-outbox';
import { inTransaction } from '@shopgraph/outbox/in-transaction';
import { SEED_PRODUCTS } from '@shopgraph/seed-data/fixture';
import { graphql, logInAsAdmin } from '@shopgraph/test-kit/graphql-client';
import { sampleOf, scrapeMetrics } from '@shopgraph/test-kit/prometheus-scrape';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const STOCK = 'query Stock($id: ID!) { product(id: $id) { stock } }';
const RESTOCK = 'mutation Restock($id: ID!, $quantity: Int!) { restockProduct(id: $id, quantity: $quantity) { id } }';
const seeded = (i: number) => SEED_PRODUCTS[i]?.id ?? '';

// The products entity cache (decision 0047), through the gateway: a reader never sees a value
// older than the change's event once the cache's bus feed has applied it, however the change was made.
describe('the products entity cache', () => {
  let shop: TestStack;
  let database: pg.Pool;
  beforeAll(async () => {
    shop = await startTestStack();
    database = new pg.Pool({ connectionString: shop.databases.products, max: 1 });
  });
  afterAll(async () => {
    await database.end();
    await shop.stop();
  });

  const stockOf = async (id: string) => {
    const { data } = await graphql<{ product: { stock: number } }>(shop.url, { query: STOCK, variables: { id } });
    return data?.product.stock;
  };
  /** What the cache's feed has applied of `stock.restocked`: its own /metrics say. */
  const restocksApplied = async () =>
    sampleOf(await scrapeMetrics(shop.stack.subgraphs.products.url), 'entity_cache_invalidations_total', {
      event: 'stock.restocked',
    });
  const untilApplied = (count: number) =>
    vi.waitFor(async () => expect(await restocksApplied()).toBeGreaterThanOrEqual(count), {
      timeout: 30_000,
      interval: 50,
    });

  it('shows a restock made through the gateway once its stock.restocked event reached the cache', async () => {
    const id = seeded(0);
    const before = await stockOf(id);
    const applied = await restocksApplied();
    const token = await logInAsAdmin(shop.url);
    const restocked = await graphql(shop.url, { query: RESTOCK, variables: { id, quantity: 3 }, token });
    expect(restocked.errors).toBeUndefined();
    await untilApplied(applied + 1);
    expect(await stockOf(id)).toBe((before ?? 0) + 3);
  });

  it('serves from memory until another writer announces its change through the outbox, then the new value', async () => {
    const id = seeded(1);
    const before = (await stockOf(id)) ?? 0;
    // another replica's change, seen by nobody yet: this replica keeps answering from memory
    await database.query('update products set stock = stock + 5, received = received + 5 where id = $1', [id]);
    expect(await stockOf(id)).toBe(before);
    const applied = await restocksApplied();
    await inTransaction(database, (client) =>
      appendToOutbox(client, [
        stockRestockedV1.create({ aggregateId: id, payload: { productId: id, quantity: 5, stock: before + 5 } }),
      ]),
    );
    await untilApplied(applied + 1);
    expect(await stockOf(id)).toBe(before + 5);
  });
});
