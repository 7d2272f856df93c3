import { newId } from '@shopgraph/service-kit/ids';
import { requireAdmin } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { validateDraft } from '../domain/product';
import type { Product, ProductDraft } from '../domain/product';
import type { Clock, ProductRepository } from './ports';

export interface CreateProductDeps {
  readonly products: ProductRepository;
  readonly clock: Clock;
}

/** `createProduct` (ADMIN): every rule is checked before anything is written. */
export function createProduct({ products, clock }: CreateProductDeps) {
  return async (identity: Identity, draft: ProductDraft): Promise<Product> => {
    requireAdmin(identity);
    const fields = validateDraft(draft);
    return products.create({ id: newId(), ...fields, createdAt: clock.now() });
  };
}
