import { describe, expect, it } from 'vitest';
import type { Product as ProductRecord } from './generated/client';
import { toProduct } from './product-record';

const record = (price: bigint): ProductRecord => ({
  id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  sku: 'LAMP-1',
  name: 'Lamp',
  description: '',
  price,
  currency: 'EUR',
  stock: 3,
  received: 3,
  createdAt: new Date('2026-12-02T12:00:00.000Z'),
  updatedAt: new Date('2026-12-02T12:00:00.000Z'),
});

describe('the product record mapper', () => {
  it('reads the BIGINT price as an exact number', () => {
    expect(toProduct(record(100_000_000n)).price).toEqual({ amount: 100_000_000, currency: 'EUR' });
    expect(toProduct(record(BigInt(Number.MAX_SAFE_INTEGER))).price.amount).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a price a number cannot hold exactly instead of rounding it', () => {
    expect(() => toProduct(record(2n ** 53n + 1n))).toThrow(/products\.price/);
  });
});
