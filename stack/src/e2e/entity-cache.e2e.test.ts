import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { productCreatedV1 } from '@shopgraph/events/product-events';
import { stockReleasedV1, stockRestockedV1 } from '@shopgraph/events/stock-events';
import { appendToOutbox } from '@shopgraph/outbox/append-to-outbox';
import { inTransaction } from '@shopgraph/outbox/in-transaction';
import { SEED_PRODUCTS } from '@shopgraph/seed-data/fixture';
import { graphql, logInAsAdmin } from '@shopgraph/test-kit/graphql-client';
import { sampleOf, scrapeMetrics } from '@shopgraph/test-kit/prometheus-scrape';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const STOCK = 'query Stock($id: ID!) { product(id: $id) { stock } }';
const RESTOCK = 'mutation Restock($id: ID!, $quantity: Int!) { restockProduct(id: $id, quantity: $quantity) { id } }';
const CATALOGUE = '{ products(first: 1) { totalCount edges { node { id } } } }';
const seeded = (i: number) => SEED_PRODUCTS[i]?.id ?? '';
const INSERT_PRODUCT = `insert into products (id, sku, name, description, price, currency, stock, received)
  values ($1, 'CACHE-TEST-1', 'Cache test', '', 100, 'EUR', 1, 1)`;

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
  /** How many events of `type` the cache's feed has applied: its own /metrics say. */
  const applied = async (event = 'stock.restocked') =>
    sampleOf(await scrapeMetrics(shop.stack.subgraphs.products.url), 'entity_cache_invalidations_total', { event });
  const untilApplied = (count: number, event = 'stock.restocked') =>
    vi.waitFor(async () => expect(await applied(event)).toBeGreaterThanOrEqual(count), {
      timeout: 30_000,
      interval: 50,
    });
  const catalogue = async () => {
    const { data } = await graphql<{ products: { totalCount: number; edges: { node: { id: string } }[] } }>(shop.url, {
      query: CATALOGUE,
    });
    return { totalCount: data?.products.totalCount, first: data?.products.edges[0]?.node.id };
  };

  it('shows a restock made through the gateway once its stock.restocked event reached the cache', async () => {
    const id = seeded(0);
    const before = await stockOf(id);
    const restocks = await applied();
    const token = await logInAsAdmin(shop.url);
    const restocked = await graphql(shop.url, { query: RESTOCK, variables: { id, quantity: 3 }, token });
    expect(restocked.errors).toBeUndefined();
    await untilApplied(restocks + 1);
    expect(await stockOf(id)).toBe((before ?? 0) + 3);
  });

  it('serves from memory until another writer announces its change through the outbox, then the new value', async () => {
    const id = seeded(1);
    const before = (await stockOf(id)) ?? 0;
    // another replica's change, seen by nobody yet: this replica keeps answering from memory
    await database.query('update products set stock = stock + 5, received = received + 5 where id = $1', [id]);
    expect(await stockOf(id)).toBe(before);
    const restocks = await applied();
    await inTransaction(database, (client) =>
      appendToOutbox(client, [
        stockRestockedV1.create({ aggregateId: id, payload: { productId: id, quantity: 5, stock: before + 5 } }),
      ]),
    );
    await untilApplied(restocks + 1);
    expect(await stockOf(id)).toBe(before + 5);
  });

  it('reads the catalogue and a product again once another writer announces a new product and a release', async () => {
    const id = seeded(2);
    const [stock, before] = [(await stockOf(id)) ?? 0, await catalogue()];
    const created = crypto.randomUUID();
    await database.query(INSERT_PRODUCT, [created]);
    await database.query('update products set stock = stock + 2, received = received + 2 where id = $1', [id]);
    expect([await catalogue(), await stockOf(id)]).toEqual([before, stock]);
    const [creations, releases] = [await applied('product.created'), await applied('stock.released')];
    const orderId = crypto.randomUUID();
    await inTransaction(database, (client) =>
      appendToOutbox(client, [
        productCreatedV1.create({ aggregateId: created, payload: { productId: created } }),
        stockReleasedV1.create({ aggregateId: orderId, payload: { orderId, productIds: [id] } }),
      ]),
    );
    await untilApplied(creations + 1, 'product.created');
    await untilApplied(releases + 1, 'stock.released');
    expect(await catalogue()).toEqual({ totalCount: (before.totalCount ?? 0) + 1, first: created });
    expect(await stockOf(id)).toBe(stock + 2);
  });
});
