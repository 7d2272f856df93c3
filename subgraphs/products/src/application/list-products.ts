import { parsePageArgs } from '@shopgraph/service-kit/pagination';
import type { Page, PageArgs } from '@shopgraph/service-kit/pagination';
import { normaliseSearch } from '../domain/product-search';
import type { Product } from '../domain/product';
import type { ProductRepository } from './ports';

/** The `products` arguments as the client sent them. */
export interface ListProductsArgs extends PageArgs {
  readonly search?: string | null;
}

/** `products` (public): the catalogue newest first, one page at a time. */
export function listProducts({ products }: { readonly products: ProductRepository }) {
  return async ({ search, ...pageArgs }: ListProductsArgs): Promise<Page<Product>> => {
    const window = parsePageArgs(pageArgs);
    const term = normaliseSearch(search);
    return products.page({ window, ...(term !== undefined ? { search: term } : {}) });
  };
}
