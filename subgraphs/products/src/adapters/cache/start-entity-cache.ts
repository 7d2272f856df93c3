import type { EventBus } from '@shopgraph/event-bus/event-bus';
import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import type { ProductRepository } from '../../application/ports';
import type { EntityCacheConfig } from '../../entity-cache-config';
import { CachedProductRepository } from './cached-product-repository';
import { ProductCache } from './product-cache';
import { watchProductChanges } from './watch-product-changes';

/** Options of {@link startEntityCache}. */
export interface StartEntityCacheOptions {
  readonly config: EntityCacheConfig;
  /** The repository the cache reads through: the database. */
  readonly repository: ProductRepository;
  /** The bus whose events invalidate the cache. */
  readonly bus: EventBus;
  readonly metrics?: ServiceMetrics;
}

/** The repository the resolvers read (cached, or the database itself when the cache is off), and how to stop it. */
export interface EntityCache {
  readonly products: ProductRepository;
  stop(): Promise<void>;
}

/**
 * Puts the product cache in front of `repository` and starts its invalidation feed before the
 * first read, so no event published after the service is up goes unheard.
 */
export async function startEntityCache(options: StartEntityCacheOptions): Promise<EntityCache> {
  const { config, repository, bus, metrics } = options;
  if (!config.enabled) return { products: repository, stop: async () => undefined };
  const cache = new ProductCache({ ttlMs: config.ttlSeconds * 1000 });
  const lookups = metrics?.counter({
    name: 'entity_cache_lookups_total',
    help: 'Products looked up in the entity cache, by result (hit, miss)',
    labelNames: ['result'],
  });
  const invalidations = metrics?.counter({
    name: 'entity_cache_invalidations_total',
    help: 'Events that invalidated entries of the entity cache, by event type',
    labelNames: ['event'],
  });
  const feed = await watchProductChanges({
    bus,
    cache,
    onApplied: (event) => invalidations?.inc({ event: event.type }),
  });
  return {
    products: new CachedProductRepository(repository, cache, (result, count) => lookups?.inc({ result }, count)),
    stop: () => feed.stop(),
  };
}
