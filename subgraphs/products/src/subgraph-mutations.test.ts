import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { InMemoryProductRepository } from './adapters/memory/in-memory-product-repository';
import { graphqlHarness } from './testing/graphql-harness';
import { ADMIN, CUSTOMER, aNewProduct, aProductDraft } from './testing/product-mother';

const CREATE = `mutation ($input: CreateProductInput!) {
  createProduct(input: $input) { id sku name price { amount currency } stock }
}`;
const RESTOCK = `mutation ($id: ID!, $quantity: Int!) { restockProduct(id: $id, quantity: $quantity) { id stock } }`;

let stop: (() => Promise<void>) | undefined;
afterEach(() => stop?.());

async function setup() {
  const products = new InMemoryProductRepository();
  const harness = await graphqlHarness(products);
  stop = harness.stop;
  const count = async () =>
    (await products.page({ window: { size: 100, backward: false, cursor: undefined } })).totalCount;
  return { products, execute: harness.execute, count };
}

describe('products subgraph, writing', () => {
  it('lets an administrator create a product and answers it as stored', async () => {
    const { execute, count } = await setup();
    const input = aProductDraft({ sku: 'lamp-9', price: 2_500, currency: 'eur', stock: 4 });
    const { data, codes } = await execute(ADMIN, CREATE, { input });
    expect(codes).toEqual([]);
    expect(data?.['createProduct']).toMatchObject({
      sku: 'LAMP-9',
      price: { amount: 2_500, currency: 'EUR' },
      stock: 4,
    });
    expect(await count()).toBe(1);
  });

  it.each([
    { who: 'an anonymous caller', identity: ANONYMOUS, code: 'UNAUTHENTICATED' },
    { who: 'a customer', identity: CUSTOMER, code: 'FORBIDDEN' },
  ])('refuses $who with $code and stores nothing', async ({ identity, code }) => {
    const { execute, count } = await setup();
    expect((await execute(identity, CREATE, { input: aProductDraft() })).codes).toEqual([code]);
    expect(await count()).toBe(0);
  });

  it('refuses a negative price with BAD_USER_INPUT and a duplicate SKU with CONFLICT', async () => {
    const { execute, count } = await setup();
    expect((await execute(ADMIN, CREATE, { input: aProductDraft({ price: -1 }) })).codes).toEqual(['BAD_USER_INPUT']);
    await execute(ADMIN, CREATE, { input: aProductDraft({ sku: 'DUP-1' }) });
    expect((await execute(ADMIN, CREATE, { input: aProductDraft({ sku: 'dup-1' }) })).codes).toEqual(['CONFLICT']);
    expect(await count()).toBe(1);
  });

  it('restocks for an administrator and answers the new stock', async () => {
    const { products, execute } = await setup();
    const { id } = await products.create(aNewProduct({ stock: 2 }));
    const { data } = await execute(ADMIN, RESTOCK, { id, quantity: 3 });
    expect(data?.['restockProduct']).toEqual({ id, stock: 5 });
  });

  it.each([
    { what: 'by an anonymous caller', identity: ANONYMOUS, args: { quantity: 1 }, code: 'UNAUTHENTICATED' },
    { what: 'by a customer', identity: CUSTOMER, args: { quantity: 1 }, code: 'FORBIDDEN' },
    { what: 'of a malformed id', identity: ADMIN, args: { id: 'lamp', quantity: 1 }, code: 'BAD_USER_INPUT' },
    { what: 'of 0 units', identity: ADMIN, args: { quantity: 0 }, code: 'BAD_USER_INPUT' },
    { what: 'of an unknown product', identity: ADMIN, args: { id: newId(), quantity: 1 }, code: 'NOT_FOUND' },
  ])('refuses a restock $what with $code and leaves the stock alone', async ({ identity, args, code }) => {
    const { products, execute } = await setup();
    const { id } = await products.create(aNewProduct({ stock: 2 }));
    const { data, codes } = await execute(identity, RESTOCK, { id, ...args });
    expect({ data, codes }).toEqual({ data: null, codes: [code] });
    expect((await products.findByIds([id]))[0]?.stock).toBe(2);
  });
});
