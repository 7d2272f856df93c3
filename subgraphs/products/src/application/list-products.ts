import { invalid } from '@shopgraph/service-kit/app-error';
import { isWellFormedId } from '@shopgraph/service-kit/ids';
import { decodeCursor, parseFirst } from '@shopgraph/service-kit/pagination';
import type { Cursor, Page } from '@shopgraph/service-kit/pagination';
import { normaliseSearch } from '../domain/product-search';
import type { Product } from '../domain/product';
import type { ProductRepository } from './ports';

/** The `products` arguments as the client sent them. */
export interface ListProductsArgs {
  readonly first: number;
  readonly after?: string | null;
  readonly search?: string | null;
}

// decodeCursor checks the shape, not that the id is a UUID: a forged one must be a
// refusal here, not a database error (a uuid cast) later.
function parseAfter(after: string | null | undefined): Cursor | undefined {
  if (after === undefined || after === null) return undefined;
  const cursor = decodeCursor(after);
  if (!isWellFormedId(cursor.id)) throw invalid('after is not a cursor this API returned.');
  return { createdAt: cursor.createdAt, id: cursor.id.toLowerCase() };
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
