import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import type { SubgraphBreakers } from '../resilience/subgraph-breakers';

/** How one subgraph fetch ended, as the gateway saw it. */
export type FetchOutcome = 'success' | 'unavailable' | 'outcome_unknown';

/** Told of every subgraph fetch once it has an answer (the fetcher's one observer call). */
export type FetchObserver = (sample: { subgraph: string; seconds: number; outcome: FetchOutcome }) => void;

const BREAKER_VALUES = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * `gateway_subgraph_fetch_duration_seconds` and `gateway_subgraph_fetch_errors_total` per
 * subgraph, and `gateway_subgraph_breaker_state` (0 closed, 1 half-open, 2 open), read from the
 * breakers at each scrape. Subgraph names come from the supergraph, never from a list here.
 */
export function subgraphFetchMetrics(metrics: ServiceMetrics, breakers: SubgraphBreakers): FetchObserver {
  const duration = metrics.histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Time from a subgraph fetch to its answer (or the failure standing in for one), by subgraph and outcome.',
    labelNames: ['subgraph', 'outcome'],
  });
  const errors = metrics.counter({
    name: 'gateway_subgraph_fetch_errors_total',
    help: 'Subgraph fetches that failed (unavailable, or a mutation whose outcome is unknown), by subgraph.',
    labelNames: ['subgraph', 'outcome'],
  });
  metrics.gauge({
    name: 'gateway_subgraph_breaker_state',
    help: "A subgraph's circuit breaker as the gateway sees it: 0 closed, 1 half-open, 2 open.",
    labelNames: ['subgraph'],
    collect() {
      for (const [subgraph, state] of Object.entries(breakers.states())) this.set({ subgraph }, BREAKER_VALUES[state]);
    },
  });
  return ({ subgraph, seconds, outcome }) => {
    duration.observe({ subgraph, outcome }, seconds);
    if (outcome !== 'success') errors.inc({ subgraph, outcome });
  };
}
