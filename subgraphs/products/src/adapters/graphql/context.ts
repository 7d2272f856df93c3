import type DataLoader from 'dataloader';
import { byIdLoader } from '@shopgraph/service-kit/by-id-loader';
import type { SignedRequest } from '@shopgraph/service-kit/subgraph-server';
import type { ProductRepository } from '../../application/ports';
import type { Product } from '../../domain/product';

export interface ProductsContext extends SignedRequest {
  readonly loaders: { readonly product: DataLoader<string, Product | undefined> };
}

/** A fresh set of loaders per request, so batching never serves one caller's stale stock to another. */
export const productsContext =
  (products: ProductRepository) =>
  (request: SignedRequest): ProductsContext => ({
    ...request,
    loaders: { product: byIdLoader((ids) => products.findByIds(ids)) },
  });
