import type { DeliveryObserver } from '@shopgraph/event-bus/event-bus';
import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';

/** `event_bus_redeliveries_total{consumer}` and `event_bus_dead_letters_total{consumer, reason}`. */
export function deliveryMetrics(metrics: ServiceMetrics): DeliveryObserver {
  const redeliveries = metrics.counter({
    name: 'event_bus_redeliveries_total',
    help: 'Events delivered again to a consumer (an earlier delivery failed or went unacknowledged).',
    labelNames: ['consumer'],
  });
  const deadLetters = metrics.counter({
    name: 'event_bus_dead_letters_total',
    help: 'Events a consumer parked as dead letters, by reason.',
    labelNames: ['consumer', 'reason'],
  });
  return {
    redelivered: (consumer) => redeliveries.inc({ consumer }),
    deadLettered: (consumer, reason) => deadLetters.inc({ consumer, reason }),
  };
}
