import { parseId } from '@shopgraph/service-kit/ids';
import type { Product } from '../domain/product';

/** Loads products by ID in batches; a per-request DataLoader in production. */
export type ProductLoader = (id: string) => Promise<Product | undefined>;

/** `product(id)` (public): a malformed id is refused, an unknown one is simply absent. */
export async function getProduct(rawId: string, load: ProductLoader): Promise<Product | undefined> {
  return load(parseId(rawId, 'id'));
}
