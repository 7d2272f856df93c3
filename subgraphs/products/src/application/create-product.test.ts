import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import { isWellFormedId } from '@shopgraph/service-kit/ids';
import { InMemoryProductRepository } from '../adapters/memory/in-memory-product-repository';
import { ADMIN, CUSTOMER, aProductDraft } from '../testing/product-mother';
import { createProduct } from './create-product';

const NOW = new Date('2026-11-22T10:00:00.000Z');

function setup() {
  const products = new InMemoryProductRepository();
  const create = createProduct({ products, clock: { now: () => NOW } });
  const stored = async () => (await products.page({ window: { size: 100, backward: false, cursor: undefined } })).items;
  return { create, stored };
}

describe('createProduct', () => {
  it('lets an administrator list a product, normalised, with a new id and the current time', async () => {
    const { create, stored } = setup();
    const draft = aProductDraft({ sku: ' desk-lamp ', name: ' Desk lamp ', price: 4_500, currency: 'eur', stock: 12 });
    const product = await create(ADMIN, draft);
    expect(product).toMatchObject({
      sku: 'DESK-LAMP',
      name: 'Desk lamp',
      price: { amount: 4_500, currency: 'EUR' },
      stock: 12,
      createdAt: NOW,
    });
    expect(isWellFormedId(product.id)).toBe(true);
    expect(await stored()).toEqual([product]);
  });

  it.each([
    ['an anonymous caller', ANONYMOUS, 'unauthenticated'],
    ['a customer', CUSTOMER, 'forbidden'],
  ])('refuses %s and stores nothing', async (_, identity, kind) => {
    const { create, stored } = setup();
    await expect(create(identity, aProductDraft())).rejects.toMatchObject({ kind });
    expect(await stored()).toEqual([]);
  });

  it('tells a customer they may not, before judging their input', async () => {
    const { create } = setup();
    await expect(create(CUSTOMER, aProductDraft({ price: -1 }))).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it.each([{ price: -1 }, { stock: -1 }, { sku: 'no spaces' }, { currency: 'EURO' }, { name: '' }])(
    'refuses %j as invalid input and stores nothing',
    async (overrides) => {
      const { create, stored } = setup();
      await expect(create(ADMIN, aProductDraft(overrides))).rejects.toMatchObject({ kind: 'invalid' });
      expect(await stored()).toEqual([]);
    },
  );

  it('refuses a SKU that differs from a taken one only in case as a conflict', async () => {
    const { create, stored } = setup();
    await create(ADMIN, aProductDraft({ sku: 'MUG-1' }));
    await expect(create(ADMIN, aProductDraft({ sku: 'mug-1' }))).rejects.toMatchObject({ kind: 'conflict' });
    expect(await stored()).toHaveLength(1);
  });
});
