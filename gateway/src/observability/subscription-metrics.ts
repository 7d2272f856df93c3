import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import { CLOSE } from '../subscriptions/connection-registry';
import type { ConnectionRegistry } from '../subscriptions/connection-registry';

/** What the WebSocket server tells metrics. */
export interface SubscriptionObserver {
  /** One result sent to one client's subscription. */
  delivered(): void;
  /** A client connection ended with this close code. */
  closed(code: number): void;
}

/**
 * `gateway_websocket_connections` and `gateway_subscriptions` (open now, read at each scrape),
 * `gateway_subscription_events_total{outcome}`: `delivered` per result sent, `dropped` per
 * client cut off for reading too slowly (4429: what it had not read is lost to it; it resumes
 * with `after`).
 */
export function subscriptionMetrics(metrics: ServiceMetrics, stats: ConnectionRegistry['stats']): SubscriptionObserver {
  metrics.gauge({
    name: 'gateway_websocket_connections',
    help: 'WebSocket connections open and acknowledged.',
    collect() {
      this.set(stats().connections);
    },
  });
  metrics.gauge({
    name: 'gateway_subscriptions',
    help: 'Subscriptions running on those connections.',
    collect() {
      this.set(stats().subscriptions);
    },
  });
  const events = metrics.counter({
    name: 'gateway_subscription_events_total',
    help: 'Subscription events: delivered to a client, or dropped (the client was cut off for reading too slowly).',
    labelNames: ['outcome'],
  });
  // bound once: a delivery happens per subscriber per event, and binding hashes the labels
  const delivered = events.labels({ outcome: 'delivered' });
  return {
    delivered: () => delivered.inc(),
    closed: (code) => {
      if (code === CLOSE.tooSlow) events.inc({ outcome: 'dropped' });
    },
  };
}
