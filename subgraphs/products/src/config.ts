import { loadBusConfig } from '@shopgraph/event-bus/bus-config';
import type { BusConfig } from '@shopgraph/event-bus/bus-config';
import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

export interface ProductsConfig extends SubgraphConfig {
  /** `EVENT_BUS` and `NATS_URL`: the saga's bus. */
  readonly bus: BusConfig;
}

/**
 * Reads PRODUCTS_HOST, PRODUCTS_PORT (4002), PRODUCTS_DATABASE_URL and PRODUCTS_SIGNING_SECRET, plus
 * EVENT_BUS and NATS_URL, once.
 */
export const loadProductsConfig = (env: Readonly<Record<string, string | undefined>>): ProductsConfig => ({
  ...loadSubgraphConfig({ prefix: 'PRODUCTS', defaultPort: 4002 }, env),
  bus: loadBusConfig(env, env['PRODUCTS_DATABASE_URL']),
});
