import { loadBusConfig } from '@shopgraph/event-bus/bus-config';
import type { BusConfig } from '@shopgraph/event-bus/bus-config';
import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import { loadEntityCacheConfig } from './entity-cache-config';
import type { EntityCacheConfig } from './entity-cache-config';

export interface ProductsConfig extends SubgraphConfig {
  /** `EVENT_BUS` and `NATS_URL`: the saga's bus. */
  readonly bus: BusConfig;
  /** `ENTITY_CACHE`, `ENTITY_CACHE_TTL_SECONDS`: products' public fields held in memory. */
  readonly entityCache: EntityCacheConfig;
}

/**
 * Reads PRODUCTS_HOST, PRODUCTS_PORT (4002), PRODUCTS_DATABASE_URL and PRODUCTS_SIGNING_SECRET, plus
 * EVENT_BUS, NATS_URL, ENTITY_CACHE and ENTITY_CACHE_TTL_SECONDS, once.
 */
export function loadProductsConfig(env: Readonly<Record<string, string | undefined>>): ProductsConfig {
  // first, so its variables are checked (and listed) even when a required one is missing
  const entityCache = loadEntityCacheConfig(env);
  return {
    ...loadSubgraphConfig({ prefix: 'PRODUCTS', defaultPort: 4002 }, env),
    bus: loadBusConfig(env, env['PRODUCTS_DATABASE_URL']),
    entityCache,
  };
}
