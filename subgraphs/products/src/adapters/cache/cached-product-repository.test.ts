import { describe, expect, it } from 'vitest';
import type { CatalogueQuery, ProductRepository } from '../../application/ports';
import { aNewProduct } from '../../testing/product-mother';
import { InMemoryProductRepository } from '../memory/in-memory-product-repository';
import { CachedProductRepository } from './cached-product-repository';
import { ProductCache } from './product-cache';

const FIRST_PAGE: CatalogueQuery = { window: { size: 20, backward: false, cursor: undefined } };

/** The database behind the cache, counting the reads that reach it; writes through it bypass the cache (another replica's). */
function database() {
  const rows = new InMemoryProductRepository();
  const reads = { byId: 0, pages: 0 };
  const counted: ProductRepository = {
    create: (product) => rows.create(product),
    increaseStock: (change) => rows.increaseStock(change),
    findByIds: (ids) => ((reads.byId += 1), rows.findByIds(ids)),
    page: (query) => ((reads.pages += 1), rows.page(query)),
  };
  return { rows: counted, reads };
}

function cached(options: { ttlMs?: number; now?: () => number } = {}) {
  const db = database();
  const clock = options.now ? { now: options.now } : undefined;
  const cache = new ProductCache({ ttlMs: options.ttlMs ?? 60_000, ...(clock ? { clock } : {}) });
  return { ...db, cache, products: new CachedProductRepository(db.rows, cache) };
}

const stockOf = async (products: ProductRepository, id: string) => (await products.findByIds([id]))[0]?.stock;

describe('the products entity cache', () => {
  it('reads a product from the database once, then from memory, until an event says it changed', async () => {
    const { rows, reads, cache, products } = cached();
    const lamp = await rows.create(aNewProduct({ stock: 3 }));
    expect(await stockOf(products, lamp.id)).toBe(3);
    await rows.increaseStock({ id: lamp.id, quantity: 4, ceiling: 1_000_000 });
    expect(await stockOf(products, lamp.id)).toBe(3);
    expect(reads.byId).toBe(1);
    cache.forgetProducts([lamp.id]);
    expect(await stockOf(products, lamp.id)).toBe(7);
  });

  it('forgets a product its own restock changed, so this replica reads its write at once', async () => {
    const { rows, products } = cached();
    const lamp = await rows.create(aNewProduct({ stock: 3 }));
    await stockOf(products, lamp.id);
    await products.increaseStock({ id: lamp.id, quantity: 2, ceiling: 1_000_000 });
    expect(await stockOf(products, lamp.id)).toBe(5);
  });

  it('never stores a value read before an invalidation that arrived while the read was in flight', async () => {
    const { rows, cache } = cached();
    const lamp = await rows.create(aNewProduct({ stock: 3 }));
    const racing: ProductRepository = {
      ...rows,
      findByIds: async (ids) => {
        const found = await rows.findByIds(ids);
        cache.forgetProducts([lamp.id]); // the event overtakes the read's answer
        return found;
      },
    };
    await new CachedProductRepository(racing, cache).findByIds([lamp.id]);
    expect(cache.product(lamp.id)).toBeUndefined();
  });

  it('reads a product again once its TTL has passed, even when no event came', async () => {
    let now = 5_000;
    const { rows, reads, products } = cached({ ttlMs: 1_000, now: () => now });
    const lamp = await rows.create(aNewProduct());
    await stockOf(products, lamp.id);
    now = 5_999;
    await stockOf(products, lamp.id);
    expect(reads.byId).toBe(1);
    now = 6_001;
    await stockOf(products, lamp.id);
    expect(reads.byId).toBe(2);
  });

  it('serves a catalogue page from memory with each product as fresh as the product cache', async () => {
    const { rows, reads, cache, products } = cached();
    const lamp = await rows.create(aNewProduct({ stock: 3 }));
    const first = await products.page(FIRST_PAGE);
    await rows.increaseStock({ id: lamp.id, quantity: 4, ceiling: 1_000_000 });
    cache.forgetProducts([lamp.id]);
    const again = await products.page(FIRST_PAGE);
    expect(reads.pages).toBe(1);
    expect(again).toEqual({ ...first, items: [{ ...lamp, stock: 7 }] });
  });

  it('shows a product created by another replica once its event forgets the pages', async () => {
    const { rows, cache, products } = cached();
    await rows.create(aNewProduct());
    await products.page(FIRST_PAGE);
    const mug = await rows.create(aNewProduct());
    expect((await products.page(FIRST_PAGE)).totalCount).toBe(1);
    cache.forgetPages();
    const page = await products.page(FIRST_PAGE);
    expect([page.totalCount, page.items[0]?.id]).toEqual([2, mug.id]);
  });
});
