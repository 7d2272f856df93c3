import type { ServiceMap } from '@apollo/gateway';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { SubgraphBreakers } from '../resilience/subgraph-breakers';
import { SignedDataSource } from '../signed-data-source';
import { subgraphFetcher } from '../subgraph-fetcher';

/** How the gateway reaches one subgraph over HTTP. */
export interface SubgraphEndpoint {
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
}

/** Options of {@link signedServiceMap}. */
export interface SignedServiceMapOptions {
  readonly endpoints: ReadonlyMap<string, SubgraphEndpoint>;
  /** The gateway's breakers, so HTTP queries and subscription events share each subgraph's state. */
  readonly breakers: SubgraphBreakers;
  readonly log: Logger;
}

/**
 * The data sources subscription events are completed with, built exactly as the gateway's
 * `buildService` builds its own: signed, timed out, behind the same per-subgraph breaker.
 */
export function signedServiceMap({ endpoints, breakers, log }: SignedServiceMapOptions): ServiceMap {
  return Object.fromEntries(
    [...endpoints].map(([subgraph, { url, secret, timeoutMs }]) => [
      subgraph,
      new SignedDataSource({
        url,
        fetcher: subgraphFetcher({ subgraph, secret, timeoutMs, breaker: breakers.of(subgraph), log }),
      }),
    ]),
  );
}
