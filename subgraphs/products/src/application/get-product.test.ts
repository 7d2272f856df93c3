import { describe, expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import { InMemoryProductRepository } from '../adapters/memory/in-memory-product-repository';
import { aNewProduct } from '../testing/product-mother';
import { getProduct } from './get-product';

async function setup() {
  const products = new InMemoryProductRepository();
  const stored = await products.create(aNewProduct());
  const load = async (id: string) => (await products.findByIds([id]))[0];
  return { stored, load };
}

describe('getProduct', () => {
  it('finds a product by id, whatever the case of the id', async () => {
    const { stored, load } = await setup();
    expect(await getProduct(stored.id.toUpperCase(), load)).toEqual(stored);
  });

  it('answers nothing for an unknown id', async () => {
    const { load } = await setup();
    expect(await getProduct(newId(), load)).toBeUndefined();
  });

  it('refuses a malformed id as invalid input', async () => {
    const { load } = await setup();
    await expect(getProduct('SKU-0001', load)).rejects.toMatchObject({ kind: 'invalid' });
  });
});
