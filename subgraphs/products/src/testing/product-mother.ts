import { newId } from '@shopgraph/service-kit/ids';
import { compareNewestFirst } from '@shopgraph/service-kit/pagination';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { NewProduct } from '../application/ports';
import type { ProductDraft } from '../domain/product';

let sequence = 0;
const next = (): number => ++sequence;

export const ADMIN: Identity = { kind: 'user', userId: newId(), role: 'ADMIN' };
export const CUSTOMER: Identity = { kind: 'user', userId: newId(), role: 'CUSTOMER' };

/** Valid createProduct input; each call gets an unused SKU. */
export function aProductDraft(overrides: Partial<ProductDraft> = {}): ProductDraft {
  const n = next();
  return {
    sku: `TEST-${n}`,
    name: `Test product ${n}`,
    description: 'Made for a test.',
    price: 1_999,
    currency: 'EUR',
    stock: 10,
    ...overrides,
  };
}

/** A product ready to store; each call gets a new id, an unused SKU and a later createdAt. */
export function aNewProduct(overrides: Partial<NewProduct> = {}): NewProduct {
  const n = next();
  return {
    id: newId(),
    sku: `TEST-${n}`,
    name: `Test product ${n}`,
    description: 'Made for a test.',
    price: { amount: 1_999, currency: 'EUR' },
    stock: 10,
    createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1_000),
    ...overrides,
  };
}

/** The catalogue order (createdAt DESC, id DESC), computed independently of any repository. */
export function newestFirst<T extends { readonly id: string; readonly createdAt: Date }>(products: readonly T[]): T[] {
  return [...products].sort(compareNewestFirst);
}
