import { describe, expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import { encodeCursor } from '@shopgraph/service-kit/pagination';
import { InMemoryProductRepository } from '../adapters/memory/in-memory-product-repository';
import { aNewProduct, newestFirst } from '../testing/product-mother';
import { listProducts } from './list-products';

async function setup(names: readonly string[]) {
  const products = new InMemoryProductRepository();
  const stored = await Promise.all(names.map((name) => products.create(aNewProduct({ name }))));
  return { list: listProducts({ products }), stored: newestFirst(stored) };
}

describe('listProducts', () => {
  it('continues after a cursor built from the last product of a page', async () => {
    const { list, stored } = await setup(['A', 'B', 'C']);
    const first = await list({ first: 2 });
    const last = first.items.at(-1);
    const next = await list({ first: 2, after: last ? encodeCursor(last) : null });
    expect([...first.items, ...next.items]).toEqual(stored);
    expect(next).toMatchObject({ hasNextPage: false, totalCount: 3 });
  });

  it.each([0, 101, 2.5])('refuses a page size of %d', async (first) => {
    const { list } = await setup([]);
    await expect(list({ first })).rejects.toMatchObject({ kind: 'invalid' });
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a cursor with a forged id', encodeCursor({ createdAt: new Date(), id: 'lamp' })],
  ])('refuses %s as the after cursor', async (_, after) => {
    const { list } = await setup(['A']);
    await expect(list({ first: 5, after })).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('searches with the trimmed term and lists everything for a blank one', async () => {
    const { list } = await setup(['Desk lamp', 'Mug']);
    expect((await list({ first: 5, search: '  LAMP ' })).items.map((p) => p.name)).toEqual(['Desk lamp']);
    expect((await list({ first: 5, search: '   ' })).totalCount).toBe(2);
  });

  it('refuses a search longer than 100 characters', async () => {
    const { list } = await setup([]);
    await expect(list({ first: 5, search: 'x'.repeat(101) })).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('accepts an upper-case id inside a cursor', async () => {
    const { list, stored } = await setup(['A', 'B']);
    const newest = stored[0];
    const after = newest ? encodeCursor({ createdAt: newest.createdAt, id: newest.id.toUpperCase() }) : newId();
    expect((await list({ first: 5, after })).items).toEqual(stored.slice(1));
  });
});
