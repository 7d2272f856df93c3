import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

export type ProductsConfig = SubgraphConfig;

/** Reads PRODUCTS_HOST, PRODUCTS_PORT (4002), PRODUCTS_DATABASE_URL and PRODUCTS_SIGNING_SECRET once. */
export const loadProductsConfig = (env: Readonly<Record<string, string | undefined>>): ProductsConfig =>
  loadSubgraphConfig({ prefix: 'PRODUCTS', defaultPort: 4002 }, env);
