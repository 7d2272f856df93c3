import type { EventEnvelope } from '@shopgraph/events/envelope';
import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import { CANCELLATION_REASONS } from '../../domain/order-lifecycle';

/** Events an order change committed, with when the order was placed and when it changed. */
export interface Settlement {
  readonly events: readonly EventEnvelope[];
  readonly placedAt: Date;
  readonly at: Date;
}

/** Told of every committed order change; counts those that settled an order. */
export type SettlementObserver = (settlement: Settlement) => void;

// placement to settlement: a saga takes well under a second, a deadline cancellation minutes
const SETTLE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const REASONS = new Set<string>(CANCELLATION_REASONS);

/**
 * `saga_orders_settled_total{outcome, reason}` and `saga_settle_duration_seconds{outcome}`: an
 * order's `order.confirmed` or `order.cancelled` (reason from API.md's closed list, else `other`),
 * counted once its transaction committed.
 */
export function sagaMetrics(metrics: ServiceMetrics): SettlementObserver {
  const settled = metrics.counter({
    name: 'saga_orders_settled_total',
    help: 'Orders the saga settled, by outcome (confirmed, cancelled) and cancellation reason.',
    labelNames: ['outcome', 'reason'],
  });
  const duration = metrics.histogram({
    name: 'saga_settle_duration_seconds',
    help: 'Time from placing an order to its confirmation or cancellation, by outcome.',
    labelNames: ['outcome'],
    buckets: SETTLE_BUCKETS,
  });
  return ({ events, placedAt, at }) => {
    for (const event of events) {
      const outcome = outcomeOf(event);
      if (outcome === undefined) continue;
      settled.inc(outcome);
      duration.observe({ outcome: outcome.outcome }, Math.max(0, at.getTime() - placedAt.getTime()) / 1000);
    }
  };
}

function outcomeOf(event: EventEnvelope): { outcome: string; reason: string } | undefined {
  if (event.type === 'order.confirmed') return { outcome: 'confirmed', reason: 'none' };
  if (event.type !== 'order.cancelled') return undefined;
  const reason = (event.payload as { reason?: unknown }).reason;
  return { outcome: 'cancelled', reason: typeof reason === 'string' && REASONS.has(reason) ? reason : 'other' };
}
