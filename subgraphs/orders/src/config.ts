import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

export type OrdersConfig = SubgraphConfig;

/** Reads ORDERS_HOST, ORDERS_PORT (4003), ORDERS_DATABASE_URL and ORDERS_SIGNING_SECRET once. */
export const loadOrdersConfig = (env: Readonly<Record<string, string | undefined>>): OrdersConfig =>
  loadSubgraphConfig({ prefix: 'ORDERS', defaultPort: 4003 }, env);
