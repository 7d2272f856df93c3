import type { RouteHandler } from '@shopgraph/service-kit/graphql-http-server';
import type { SubgraphBreakers } from './resilience/subgraph-breakers';

/** Each subgraph's readiness, from its own `/ready` (which checks its database). */
export async function subgraphReadiness(
  urls: ReadonlyMap<string, string>,
  timeoutMs = 2_000,
): Promise<Record<string, boolean>> {
  const checks = [...urls].map(async ([name, url]) => {
    try {
      const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
      return [name, response.ok] as const;
    } catch {
      return [name, false] as const;
    }
  });
  return Object.fromEntries(await Promise.all(checks));
}

export interface ReadinessSources {
  readonly subgraphUrls: ReadonlyMap<string, string>;
  readonly breakers: SubgraphBreakers;
}

/** `GET /ready`: 200 only when every subgraph answers and no breaker is open. */
export function readinessRoute({ subgraphUrls, breakers }: ReadinessSources): RouteHandler {
  return async () => {
    const subgraphs = await subgraphReadiness(subgraphUrls);
    const breakerStates = breakers.states();
    const ready =
      subgraphUrls.size > 0 &&
      Object.values(subgraphs).every(Boolean) &&
      Object.values(breakerStates).every((state) => state !== 'open');
    const body = { status: ready ? 'ready' : 'unavailable', subgraphs, breakers: breakerStates };
    return { status: ready ? 200 : 503, body };
  };
}
