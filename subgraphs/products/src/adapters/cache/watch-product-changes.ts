import type { EventBus, Subscription } from '@shopgraph/event-bus/event-bus';
import type { EventOf } from '@shopgraph/events/define-event';
import { productCreatedV1 } from '@shopgraph/events/product-events';
import { stockReleasedV1, stockReservedV1, stockRestockedV1 } from '@shopgraph/events/stock-events';
import type { ProductCache } from './product-cache';

/** Every event that says a product's public fields or the catalogue's pages changed. */
const CHANGES = [stockReservedV1, stockReleasedV1, stockRestockedV1, productCreatedV1] as const;

export type ProductChange = EventOf<(typeof CHANGES)[number]>;

/** Options of {@link watchProductChanges}. */
export interface WatchProductChangesOptions {
  readonly bus: EventBus;
  readonly cache: ProductCache;
  /** Told after each event has taken effect (metrics, and tests waiting for it). Default: nothing. */
  readonly onApplied?: (event: ProductChange) => void;
}

/**
 * Keeps one replica's cache true to the database: every replica watches the bus (a live feed
 * each, not a shared durable consumer, so each hears every event) and forgets what an event
 * changed. A value is thus stale at most for the bus's latency; an event the feed loses is
 * covered by the cache's TTL.
 */
export function watchProductChanges({ bus, cache, onApplied }: WatchProductChangesOptions): Promise<Subscription> {
  return bus.watch({
    events: CHANGES,
    handle: (event) => {
      applyChange(cache, event);
      onApplied?.(event);
    },
  });
}

function applyChange(cache: ProductCache, event: ProductChange): void {
  switch (event.type) {
    case 'stock.reserved':
      return cache.forgetProducts(event.payload.lines.map((line) => line.productId));
    case 'stock.restocked':
      return cache.forgetProducts([event.payload.productId]);
    case 'stock.released': {
      // published before stock.released named its products: any product may have changed
      const { productIds } = event.payload;
      return productIds ? cache.forgetProducts(productIds) : cache.forgetAll();
    }
    case 'product.created':
      return cache.forgetPages();
  }
}
