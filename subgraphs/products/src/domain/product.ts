import { invalid } from '@shopgraph/service-kit/app-error';
import { normaliseCurrency } from './money';
import type { Money } from './money';

export interface Product {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly price: Money;
  /** Units available to order now. */
  readonly stock: number;
  readonly createdAt: Date;
}

/** What an administrator types to list a product, before any rule is applied. */
export interface ProductDraft {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly price: number;
  readonly currency: string;
  readonly stock: number;
}

/** The catalogue's limits; exported so tests and error messages agree with the rules. */
export const PRODUCT_LIMITS = {
  name: { min: 1, max: 200 },
  description: { max: 5_000 },
  price: { min: 0, max: 100_000_000 },
  initialStock: { min: 0, max: 1_000_000 },
  restock: { min: 1, max: 1_000_000 },
  // the most units a product may hold, so stock always fits a 32-bit GraphQL Int
  stockCeiling: 1_000_000_000,
} as const;

const SKU = /^[A-Z0-9][A-Z0-9-]{0,63}$/;

function integerWithin(value: number, bounds: { min: number; max: number }, what: string): number {
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw invalid(`${what} must be a whole number from ${bounds.min} to ${bounds.max}.`);
  }
  return value;
}

/** SKUs are compared exactly, so they are stored trimmed and upper-cased. */
export function normaliseSku(raw: string): string {
  const sku = raw.trim().toUpperCase();
  if (!SKU.test(sku)) {
    throw invalid('sku must be 1 to 64 letters, digits or hyphens, and must not start with a hyphen.');
  }
  return sku;
}

export function validateName(raw: string): string {
  const name = raw.trim();
  const { min, max } = PRODUCT_LIMITS.name;
  if (name.length < min || name.length > max) throw invalid(`name must be ${min} to ${max} characters.`);
  return name;
}

export function validateDescription(description: string): string {
  const { max } = PRODUCT_LIMITS.description;
  if (description.length > max) throw invalid(`description must be at most ${max} characters.`);
  return description;
}

export const validatePrice = (amount: number): number => integerWithin(amount, PRODUCT_LIMITS.price, 'price');

export const validateInitialStock = (stock: number): number =>
  integerWithin(stock, PRODUCT_LIMITS.initialStock, 'stock');

export const validateRestockQuantity = (quantity: number): number =>
  integerWithin(quantity, PRODUCT_LIMITS.restock, 'quantity');

/** Applies every creation rule; the result is what gets stored, apart from id and time. */
export function validateDraft(draft: ProductDraft): Omit<Product, 'id' | 'createdAt'> {
  return {
    sku: normaliseSku(draft.sku),
    name: validateName(draft.name),
    description: validateDescription(draft.description),
    price: { amount: validatePrice(draft.price), currency: normaliseCurrency(draft.currency) },
    stock: validateInitialStock(draft.stock),
  };
}
