import { seedId } from './seed-id';

/**
 * The demo shop every fresh start gets: data only, no rules. Each service seeds the
 * slice it owns from here; IDs are stable so the slices agree.
 */
export const SEED_LOGINS = {
  customer: { email: 'demo@shop.test', password: 'demo-password', name: 'Demo Customer' },
  admin: { email: 'admin@shop.test', password: 'admin-password', name: 'Shop Admin' },
} as const;

export const SEED_USERS = [
  { id: seedId('user', 'demo'), role: 'CUSTOMER', ...SEED_LOGINS.customer },
  { id: seedId('user', 'admin'), role: 'ADMIN', ...SEED_LOGINS.admin },
] as const;

const ADJECTIVES = ['Classic', 'Organic', 'Compact', 'Deluxe', 'Rugged', 'Minimal', 'Vintage', 'Smart', 'Cozy', 'Bold'];
const NOUNS = ['Mug', 'Backpack', 'Lamp', 'Notebook', 'Headphones', 'Sneakers'];

export interface SeedProduct {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly price: number;
  readonly currency: 'EUR';
  readonly stock: number;
  readonly createdAt: Date;
}

const EPOCH = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

export const SEED_PRODUCTS: readonly SeedProduct[] = Array.from({ length: 60 }, (_, i) => {
  const adjective = ADJECTIVES[i % ADJECTIVES.length] ?? 'Plain';
  const noun = NOUNS[Math.floor(i / ADJECTIVES.length) % NOUNS.length] ?? 'Thing';
  return {
    id: seedId('product', i),
    sku: `SKU-${String(i + 1).padStart(4, '0')}`,
    name: `${adjective} ${noun}`,
    description: `A ${adjective.toLowerCase()} ${noun.toLowerCase()} from the demo catalogue.`,
    price: 499 + ((i * 1_337) % 9_500),
    currency: 'EUR',
    stock: 20 + ((i * 7) % 80),
    createdAt: new Date(EPOCH + i * HOUR),
  };
});

export interface SeedOrder {
  readonly id: string;
  readonly customerId: string;
  readonly lines: readonly { productId: string; quantity: number; unitPrice: number }[];
  readonly total: number;
  readonly currency: 'EUR';
  readonly createdAt: Date;
  readonly paymentId: string;
}

const product = (i: number): SeedProduct => SEED_PRODUCTS[i] as SeedProduct;

const ORDER_LINES: readonly (readonly [number, number][])[] = [
  [
    [0, 1],
    [7, 2],
  ],
  [[12, 1]],
  [
    [3, 3],
    [21, 1],
    [40, 1],
  ],
  [[55, 2]],
];

/** A few CONFIRMED past orders of the demo customer, each with its captured payment. */
export const SEED_ORDERS: readonly SeedOrder[] = ORDER_LINES.map((lines, n) => {
  const priced = lines.map(([i, quantity]) => ({ productId: product(i).id, quantity, unitPrice: product(i).price }));
  return {
    id: seedId('order', n),
    customerId: seedId('user', 'demo'),
    lines: priced,
    total: priced.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0),
    currency: 'EUR',
    createdAt: new Date(EPOCH + (100 + n * 24) * HOUR),
    paymentId: seedId('payment', n),
  };
});
