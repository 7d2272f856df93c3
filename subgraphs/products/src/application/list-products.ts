import { parseAfter, parseFirst } from '@shopgraph/service-kit/pagination';
import type { Page } from '@shopgraph/service-kit/pagination';
import { normaliseSearch } from '../domain/product-search';
import type { Product } from '../domain/product';
import type { ProductRepository } from './ports';

/** The `products` arguments as the client sent them. */
export interface ListProductsArgs {
  readonly first: number;
  readonly after?: string | null;
  readonly search?: string | null;
}

/** `products` (public): the catalogue newest first, one page at a time. */
export function listProducts({ products }: { readonly products: ProductRepository }) {
  return async ({ first, after, search }: ListProductsArgs): Promise<Page<Product>> => {
    const pageSize = parseFirst(first);
    const cursor = parseAfter(after);
    const term = normaliseSearch(search);
    return products.page({
      first: pageSize,
      ...(cursor ? { after: cursor } : {}),
      ...(term !== undefined ? { search: term } : {}),
    });
  };
}
