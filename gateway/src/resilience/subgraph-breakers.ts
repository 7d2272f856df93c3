import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import type { CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from '@shopgraph/service-kit/logger';

/** Options of {@link createSubgraphBreakers}. */
export interface BreakerOptions {
  /** Consecutive failures that open a subgraph's breaker. Default 5. */
  readonly failureThreshold?: number;
  /** How long an open breaker refuses at once before letting one probe through. Default 2 s. */
  readonly halfOpenAfterMs?: number;
  /** One subgraph's own thresholds (`<NAME>_BREAKER_*`); default: the two above for every subgraph. */
  readonly settingsOf?: (subgraph: string) => { readonly failureThreshold: number; readonly halfOpenAfterMs: number };
  readonly log: Logger;
}

export interface SubgraphBreakers {
  /** The breaker of one subgraph, created on first use. */
  of(subgraph: string): CircuitBreakerPolicy;
  /** `closed`, `half-open` or `open` for every subgraph seen so far. */
  states(): Record<string, 'closed' | 'half-open' | 'open'>;
}

const STATE_NAMES: Record<CircuitState, 'closed' | 'half-open' | 'open'> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'open',
};

/** One circuit breaker per subgraph, so one dead subgraph never slows the others. */
export function createSubgraphBreakers(options: BreakerOptions): SubgraphBreakers {
  const { failureThreshold = 5, halfOpenAfterMs = 2_000, log } = options;
  const { settingsOf = () => ({ failureThreshold, halfOpenAfterMs }) } = options;
  const breakers = new Map<string, CircuitBreakerPolicy>();
  const of = (subgraph: string): CircuitBreakerPolicy => {
    const existing = breakers.get(subgraph);
    if (existing) return existing;
    const settings = settingsOf(subgraph);
    const breaker = circuitBreaker(handleAll, {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.failureThreshold),
    });
    breaker.onStateChange((state) => log.warn({ subgraph, breaker: STATE_NAMES[state] }, 'subgraph circuit breaker'));
    breakers.set(subgraph, breaker);
    return breaker;
  };
  const states = () => Object.fromEntries([...breakers].map(([name, breaker]) => [name, STATE_NAMES[breaker.state]]));
  return { of, states };
}
