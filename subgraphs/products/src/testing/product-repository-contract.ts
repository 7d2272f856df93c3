import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import type { Cursor, PageWindow } from '@shopgraph/service-kit/pagination';
import type { CatalogueQuery, ProductRepository } from '../application/ports';
import type { Product } from '../domain/product';
import { aNewProduct, newestFirst } from './product-mother';

const forward = (size: number, cursor?: Cursor): PageWindow => ({ size, backward: false, cursor });
const backward = (size: number, cursor?: Cursor): PageWindow => ({ size, backward: true, cursor });
const positionOf = ({ createdAt, id }: Product): Cursor => ({ createdAt, id });

/** Reads every page of a query, following each page's last item (or first, backward) as the next cursor. */
async function walkPages(repository: ProductRepository, query: CatalogueQuery): Promise<Product[][]> {
  const pages: Product[][] = [];
  let cursor: Cursor | undefined;
  for (;;) {
    const page = await repository.page({ ...query, window: { ...query.window, cursor } });
    pages.push([...page.items]);
    const edge = query.window.backward ? page.items[0] : page.items.at(-1);
    const more = query.window.backward ? page.hasPreviousPage : page.hasNextPage;
    if (!more || !edge) return pages;
    cursor = positionOf(edge);
  }
}

/**
 * What every ProductRepository promises. The in-memory and the Prisma repositories both
 * run it, so a use case tested on the first behaves the same on the second.
 * @param setup returns a repository holding no products.
 */
export function productRepositoryContract(setup: () => Promise<ProductRepository>): void {
  let repository: ProductRepository;
  beforeEach(async () => {
    repository = await setup();
  });

  describe('storing', () => {
    it('finds what it stored by id, and leaves unknown ids out', async () => {
      const stored = await repository.create(aNewProduct({ price: { amount: 250, currency: 'USD' } }));
      const found = await repository.findByIds([stored.id, newId()]);
      expect(found).toEqual([stored]);
      expect(found[0]?.price).toEqual({ amount: 250, currency: 'USD' });
    });

    it('refuses a second product with a taken SKU as a conflict and keeps only the first', async () => {
      await repository.create(aNewProduct({ sku: 'TAKEN-1' }));
      await expect(repository.create(aNewProduct({ sku: 'TAKEN-1' }))).rejects.toMatchObject({ kind: 'conflict' });
      expect((await repository.page({ window: forward(10) })).totalCount).toBe(1);
    });
  });

  describe('increasing stock', () => {
    it('adds the quantity and returns the product with its new stock', async () => {
      const { id } = await repository.create(aNewProduct({ stock: 7 }));
      const outcome = await repository.increaseStock({ id, quantity: 5, ceiling: 100 });
      expect(outcome).toMatchObject({ kind: 'increased', product: { id, stock: 12 } });
      expect((await repository.findByIds([id]))[0]?.stock).toBe(12);
    });

    it('reports an unknown product', async () => {
      const outcome = await repository.increaseStock({ id: newId(), quantity: 1, ceiling: 100 });
      expect(outcome).toEqual({ kind: 'unknown_product' });
    });

    it('refuses to pass the ceiling, allows reaching it, and changes nothing when it refuses', async () => {
      const { id } = await repository.create(aNewProduct({ stock: 90 }));
      expect(await repository.increaseStock({ id, quantity: 11, ceiling: 100 })).toEqual({
        kind: 'over_ceiling',
        stock: 90,
      });
      expect((await repository.findByIds([id]))[0]?.stock).toBe(90);
      expect(await repository.increaseStock({ id, quantity: 10, ceiling: 100 })).toMatchObject({
        product: { stock: 100 },
      });
    });
  });

  describe('paging', () => {
    it('walks the catalogue newest first, id breaking ties, with no overlap and no gap', async () => {
      // five timestamps for seventeen products: ties are the hard case for a keyset
      const instants = [0, 1, 2, 3, 4].map((i) => new Date(Date.UTC(2026, 5, 1, 12, 0, i)));
      const stored = await Promise.all(
        Array.from({ length: 17 }, (_, i) => repository.create(aNewProduct({ createdAt: instants[i % 5] as Date }))),
      );
      const pages = await walkPages(repository, { window: forward(4) });
      expect(pages.map((page) => page.length)).toEqual([4, 4, 4, 4, 1]);
      expect(pages.flat().map((p) => p.id)).toEqual(newestFirst(stored).map((p) => p.id));
      const back = await walkPages(repository, { window: backward(4) });
      expect(back.map((page) => page.length)).toEqual([4, 4, 4, 4, 1]);
      expect(
        back
          .toReversed()
          .flat()
          .map((p) => p.id),
      ).toEqual(newestFirst(stored).map((p) => p.id));
    });

    it('tells from either direction whether items lie on the other side of the cursor', async () => {
      const [newest, middle, oldest] = newestFirst(
        await Promise.all([1, 2, 3].map(() => repository.create(aNewProduct()))),
      );
      const fromMiddle = await repository.page({ window: forward(5, positionOf(middle as Product)) });
      expect(fromMiddle).toMatchObject({ items: [oldest], hasNextPage: false, hasPreviousPage: true });
      const beforeMiddle = await repository.page({ window: backward(5, positionOf(middle as Product)) });
      expect(beforeMiddle).toMatchObject({ items: [newest], hasNextPage: true, hasPreviousPage: false });
      const lastTwo = await repository.page({ window: backward(2) });
      expect(lastTwo).toMatchObject({ items: [middle, oldest], hasNextPage: false, hasPreviousPage: true });
    });

    it('counts every match on every page and still counts on an empty page past the end', async () => {
      const stored = await Promise.all([1, 2, 3].map(() => repository.create(aNewProduct())));
      const oldest = newestFirst(stored).at(-1) as Product;
      const first = await repository.page({ window: forward(2) });
      expect(first).toMatchObject({ hasNextPage: true, hasPreviousPage: false, totalCount: 3 });
      const past = await repository.page({ window: forward(2, positionOf(oldest)) });
      expect(past).toEqual({ items: [], hasNextPage: false, hasPreviousPage: true, totalCount: 3 });
    });

    it('matches the search in the name or the SKU, ignoring case', async () => {
      const lamp = await repository.create(aNewProduct({ name: 'Vintage Lamp', sku: 'LIGHT-1' }));
      const sku = await repository.create(aNewProduct({ name: 'Desk light', sku: 'LAMPSHADE-2' }));
      await repository.create(aNewProduct({ name: 'Mug', sku: 'MUG-1' }));
      const page = await repository.page({ window: forward(10), search: 'lAmP' });
      expect(page.items.map((p) => p.id).sort()).toEqual([lamp.id, sku.id].sort());
      expect(page.totalCount).toBe(2);
    });

    it('takes % and _ in a search literally, not as wildcards', async () => {
      const percent = await repository.create(aNewProduct({ name: '100% cotton' }));
      await repository.create(aNewProduct({ name: '1000 cotton buds' }));
      await repository.create(aNewProduct({ name: 'A_B' }));
      expect((await repository.page({ window: forward(10), search: '0% c' })).items.map((p) => p.id)).toEqual([
        percent.id,
      ]);
      expect((await repository.page({ window: forward(10), search: '_' })).totalCount).toBe(1);
    });
  });
}
