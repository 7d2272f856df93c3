import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { InMemoryProductRepository } from '../adapters/memory/in-memory-product-repository';
import { PRODUCT_LIMITS } from '../domain/product';
import { ADMIN, CUSTOMER, aNewProduct } from '../testing/product-mother';
import { restockProduct } from './restock-product';

async function setup(stock = 5) {
  const products = new InMemoryProductRepository();
  const { id } = await products.create(aNewProduct({ stock }));
  const restock = restockProduct({ products });
  const stockNow = async () => (await products.findByIds([id]))[0]?.stock;
  return { id, restock, stockNow };
}

describe('restockProduct', () => {
  it('adds the quantity to the stock and returns the product', async () => {
    const { id, restock, stockNow } = await setup(5);
    expect(await restock(ADMIN, { id, quantity: 7 })).toMatchObject({ id, stock: 12 });
    expect(await stockNow()).toBe(12);
  });

  it('accepts an id written in upper case', async () => {
    const { id, restock } = await setup(5);
    expect(await restock(ADMIN, { id: id.toUpperCase(), quantity: 1 })).toMatchObject({ id, stock: 6 });
  });

  it.each([
    ['an anonymous caller', ANONYMOUS, 'unauthenticated'],
    ['a customer', CUSTOMER, 'forbidden'],
  ])('refuses %s and leaves the stock alone', async (_, identity, kind) => {
    const { id, restock, stockNow } = await setup(5);
    await expect(restock(identity, { id, quantity: 1 })).rejects.toMatchObject({ kind });
    expect(await stockNow()).toBe(5);
  });

  it.each([0, -3, 2.5, 1_000_001])('refuses a quantity of %d and leaves the stock alone', async (quantity) => {
    const { id, restock, stockNow } = await setup(5);
    await expect(restock(ADMIN, { id, quantity })).rejects.toMatchObject({ kind: 'invalid' });
    expect(await stockNow()).toBe(5);
  });

  it('refuses a malformed id as invalid input', async () => {
    const { restock } = await setup();
    await expect(restock(ADMIN, { id: 'lamp-1', quantity: 1 })).rejects.toMatchObject({
      kind: 'invalid',
      message: 'id is malformed.',
    });
  });

  it('refuses an unknown product as not found', async () => {
    const { restock } = await setup();
    await expect(restock(ADMIN, { id: newId(), quantity: 1 })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses to take stock past the ceiling and leaves it alone', async () => {
    const nearlyFull = PRODUCT_LIMITS.stockCeiling - 1;
    const { id, restock, stockNow } = await setup(nearlyFull);
    await expect(restock(ADMIN, { id, quantity: 2 })).rejects.toMatchObject({ kind: 'invalid' });
    expect(await stockNow()).toBe(nearlyFull);
  });
});
