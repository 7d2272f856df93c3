import { describe, expect, it } from 'vitest';
import { aProductDraft } from '../testing/product-mother';
import { normaliseCurrency } from './money';
import { normaliseSku, validateDescription, validateDraft, validateName, validateRestockQuantity } from './product';

describe('product rules', () => {
  it('stores SKUs trimmed and upper-cased', () => {
    expect(normaliseSku('  mug-01 ')).toBe('MUG-01');
    expect(normaliseSku('A'.repeat(64))).toHaveLength(64);
  });

  it.each(['', '   ', '-MUG', 'MUG 01', 'MUG_01', 'MÜG', 'A'.repeat(65)])('refuses %j as a SKU', (sku) =>
    expect(() => normaliseSku(sku)).toThrow(/sku/),
  );

  it('trims the name and refuses it blank or longer than 200 characters', () => {
    expect(validateName('  Lamp ')).toBe('Lamp');
    expect(validateName('x'.repeat(200))).toHaveLength(200);
    expect(() => validateName('  ')).toThrow(/name/);
    expect(() => validateName('x'.repeat(201))).toThrow(/name/);
  });

  it('accepts an empty description and refuses one longer than 5000 characters', () => {
    expect(validateDescription('')).toBe('');
    expect(() => validateDescription('x'.repeat(5_001))).toThrow(/description/);
  });

  it('upper-cases a currency code and refuses anything but three letters', () => {
    expect(normaliseCurrency('eur')).toBe('EUR');
    for (const bad of ['EU', 'EURO', 'E1R', '€']) expect(() => normaliseCurrency(bad)).toThrow(/currency/);
  });

  it.each([
    ['a negative price', { price: -1 }, /price/],
    ['a fractional price', { price: 9.99 }, /price/],
    ['a price above 100000000', { price: 100_000_001 }, /price/],
    ['negative stock', { stock: -1 }, /stock/],
    ['stock above 1000000', { stock: 1_000_001 }, /stock/],
  ])('refuses %s as invalid input', (_, overrides, message) =>
    expect(() => validateDraft(aProductDraft(overrides))).toThrow(
      expect.objectContaining({ kind: 'invalid', message: expect.stringMatching(message) }),
    ),
  );

  it('accepts the boundaries: free, the top price, no stock and the top stock', () => {
    expect(validateDraft(aProductDraft({ price: 0, stock: 0 }))).toMatchObject({ price: { amount: 0 }, stock: 0 });
    expect(validateDraft(aProductDraft({ price: 100_000_000, stock: 1_000_000 }))).toMatchObject({
      price: { amount: 100_000_000 },
      stock: 1_000_000,
    });
  });

  it('turns a draft into what is stored: price as Money, every field normalised', () => {
    const draft = aProductDraft({ sku: ' lamp-1 ', name: ' Lamp ', price: 1_250, currency: 'usd', stock: 3 });
    expect(validateDraft(draft)).toEqual({
      sku: 'LAMP-1',
      name: 'Lamp',
      description: draft.description,
      price: { amount: 1_250, currency: 'USD' },
      stock: 3,
    });
  });

  it('restocks by 1 to 1000000 whole units', () => {
    expect(validateRestockQuantity(1)).toBe(1);
    expect(validateRestockQuantity(1_000_000)).toBe(1_000_000);
    for (const bad of [0, -5, 1.5, 1_000_001]) expect(() => validateRestockQuantity(bad)).toThrow(/quantity/);
  });
});
