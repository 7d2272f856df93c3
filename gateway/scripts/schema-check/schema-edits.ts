import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// The three changes the README's "Evolving the graph" walks through (there with `sed`),
// applied to the real subgraph schemas for the tests.
const root = fileURLToPath(new URL('../../../', import.meta.url));

function once(sdl: string, from: string, to: string): string {
  if (!sdl.includes(from)) throw new Error(`The schema no longer contains ${JSON.stringify(from)}: update the edit.`);
  return sdl.replace(from, to);
}

/** The current SDL of a subgraph. */
export const currentSchema = (subgraph: string) => readFile(`${root}subgraphs/${subgraph}/schema.graphql`, 'utf8');

/** products with a new nullable `Product.weightGrams`. */
export const addWeight = (sdl: string) =>
  once(
    sdl,
    '  stock: Int!\n',
    '  stock: Int!\n  "Shipping weight in grams; null when not yet weighed."\n  weightGrams: Int\n',
  );

/** products without `Product.description`. */
export const removeDescription = (sdl: string) =>
  once(sdl, '  name: String! @sharedAnswer\n  description: String!\n  price', '  name: String! @sharedAnswer\n  price');

/** payments taking `Order.total` over from orders: it serves the amount it charges (resolvers.ts). */
export const overrideTotal = (sdl: string) =>
  once(
    once(sdl, '"@shareable"]', '"@shareable", "@override"]'),
    '  payment: Payment @sharedAnswer(roles: ["ADMIN"])\n}',
    '  payment: Payment @sharedAnswer(roles: ["ADMIN"])\n  total: Money @override(from: "orders")\n}',
  );
