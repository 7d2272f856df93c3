import type { RouteHandler } from '@shopgraph/service-kit/graphql-http-server';
import type { SubgraphBreakers } from './resilience/subgraph-breakers';
import type { SupergraphInForce } from './supergraph-in-force';

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
  readonly supergraph: SupergraphInForce;
  readonly breakers: SubgraphBreakers;
}

/**
 * `GET /ready`: 200 only when every subgraph of the supergraph in force answers and none of
 * their breakers is open. The body names that supergraph by its hash, so a deployment (or a
 * test) can wait for a reloaded one to be in force.
 */
export function readinessRoute({ supergraph, breakers }: ReadinessSources): RouteHandler {
  return async () => {
    const { subgraphUrls } = supergraph;
    const subgraphs = await subgraphReadiness(subgraphUrls);
    // a subgraph a reload removed keeps its breaker (a re-added one reuses it) but no longer counts
    const breakerStates = Object.fromEntries(
      Object.entries(breakers.states()).filter(([name]) => subgraphUrls.has(name)),
    );
    const ready =
      subgraphUrls.size > 0 &&
      Object.values(subgraphs).every(Boolean) &&
      Object.values(breakerStates).every((state) => state !== 'open');
    const body = {
      status: ready ? 'ready' : 'unavailable',
      supergraph: supergraph.hash(),
      subgraphs,
      breakers: breakerStates,
    };
    return { status: ready ? 200 : 503, body };
  };
}
