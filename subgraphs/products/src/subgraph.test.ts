import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { InMemoryProductRepository } from './adapters/memory/in-memory-product-repository';
import type { ProductRepository } from './application/ports';
import { graphqlHarness } from './testing/graphql-harness';
import { aNewProduct } from './testing/product-mother';

const PRODUCTS = `query ($first: Int, $after: String, $search: String) {
  products(first: $first, after: $after, search: $search) {
    edges { cursor node { id sku price { amount currency } createdAt } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;
const PRODUCT = `query ($id: ID!) { product(id: $id) { id name stock } }`;
const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id sku } }
}`;

/** Counts findByIds calls, to prove references are batched. */
class CountingRepository extends InMemoryProductRepository {
  findByIdsCalls = 0;
  override findByIds(ids: readonly string[]) {
    this.findByIdsCalls += 1;
    return super.findByIds(ids);
  }
}

let stop: (() => Promise<void>) | undefined;
afterEach(() => stop?.());

async function setup(products: ProductRepository = new InMemoryProductRepository()) {
  const harness = await graphqlHarness(products);
  stop = harness.stop;
  return { products, execute: harness.execute };
}

type Connection = {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

describe('products subgraph, reading', () => {
  it('serves the catalogue as a connection whose endCursor leads to the next page', async () => {
    const { products, execute } = await setup();
    await Promise.all([1, 2, 3].map(() => products.create(aNewProduct())));
    const first = (await execute(ANONYMOUS, PRODUCTS, { first: 2 })).data?.['products'] as Connection;
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1]?.cursor });
    expect(first.totalCount).toBe(3);
    const after = first.pageInfo.endCursor;
    const next = (await execute(ANONYMOUS, PRODUCTS, { first: 2, after })).data?.['products'] as Connection;
    expect(next.edges).toHaveLength(1);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('shows price as Money and createdAt as an ISO string', async () => {
    const { products, execute } = await setup();
    const createdAt = new Date('2026-03-04T05:06:07.089Z');
    await products.create(aNewProduct({ price: { amount: 1_234, currency: 'GBP' }, createdAt }));
    const { data } = await execute(ANONYMOUS, PRODUCTS, {});
    expect((data?.['products'] as Connection).edges[0]?.node).toMatchObject({
      price: { amount: 1_234, currency: 'GBP' },
      createdAt: '2026-03-04T05:06:07.089Z',
    });
  });

  it('answers an empty catalogue with no edges and a null endCursor', async () => {
    const { execute } = await setup();
    const { data } = await execute(ANONYMOUS, PRODUCTS, {});
    expect(data?.['products']).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });

  it.each([
    ['a page size of 0', { first: 0 }],
    ['a page size of 101', { first: 101 }],
    ['a malformed cursor', { after: 'nope' }],
    ['an overlong search', { search: 'x'.repeat(101) }],
  ])('refuses %s with BAD_USER_INPUT', async (_, variables) => {
    const { execute } = await setup();
    expect((await execute(ANONYMOUS, PRODUCTS, variables)).codes).toEqual(['BAD_USER_INPUT']);
  });

  it('finds a product by id, answers null for an unknown one and refuses a malformed one', async () => {
    const { products, execute } = await setup();
    const stored = await products.create(aNewProduct());
    expect((await execute(ANONYMOUS, PRODUCT, { id: stored.id })).data?.['product']).toMatchObject({ id: stored.id });
    expect(await execute(ANONYMOUS, PRODUCT, { id: newId() })).toEqual({ data: { product: null }, codes: [] });
    expect((await execute(ANONYMOUS, PRODUCT, { id: 'SKU-0001' })).codes).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves references in one batch, with null for unknown and malformed ids', async () => {
    const { products, execute } = await setup(new CountingRepository());
    const [a, b] = await Promise.all([products.create(aNewProduct()), products.create(aNewProduct())]);
    const ids = [a?.id, newId(), 'not-an-id', b?.id.toUpperCase()];
    const representations = ids.map((id) => ({ __typename: 'Product', id }));
    const { data, codes } = await execute(ANONYMOUS, ENTITIES, { representations });
    expect(codes).toEqual([]);
    expect(data?.['_entities']).toEqual([{ id: a?.id, sku: a?.sku }, null, null, { id: b?.id, sku: b?.sku }]);
    expect((products as CountingRepository).findByIdsCalls).toBe(1);
  });
});
