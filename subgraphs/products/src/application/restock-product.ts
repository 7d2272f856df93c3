import { invalid, notFound } from '@shopgraph/service-kit/app-error';
import { parseId } from '@shopgraph/service-kit/ids';
import { requireAdmin } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { PRODUCT_LIMITS, validateRestockQuantity } from '../domain/product';
import type { Product } from '../domain/product';
import type { ProductRepository } from './ports';

export interface Restock {
  readonly id: string;
  readonly quantity: number;
}

/** `restockProduct` (ADMIN): adds units in one atomic step, so concurrent restocks all count. */
export function restockProduct({ products }: { readonly products: ProductRepository }) {
  return async (identity: Identity, { id: rawId, quantity }: Restock): Promise<Product> => {
    requireAdmin(identity);
    const id = parseId(rawId, 'id');
    const units = validateRestockQuantity(quantity);
    const outcome = await products.increaseStock({ id, quantity: units, ceiling: PRODUCT_LIMITS.stockCeiling });
    switch (outcome.kind) {
      case 'increased':
        return outcome.product;
      case 'unknown_product':
        throw notFound('No product has this id.');
      case 'over_ceiling':
        throw invalid(`quantity would take stock past ${PRODUCT_LIMITS.stockCeiling} (it is ${outcome.stock}).`);
    }
  };
}
