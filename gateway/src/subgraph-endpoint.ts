import type { Logger } from '@shopgraph/service-kit/logger';
import type { GatewayConfig } from './config';
import type { FetchObserver } from './observability/subgraph-fetch-metrics';
import type { SubgraphBreakers } from './resilience/subgraph-breakers';
import { SignedDataSource } from './signed-data-source';
import { subgraphFetcher } from './subgraph-fetcher';
import { variablePrefix } from './subgraph-settings';

/** How the gateway reaches one subgraph over HTTP. */
export interface SubgraphEndpoint {
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
}

/**
 * Where and how the gateway calls the subgraph `name` of the supergraph: its configured URL
 * (`<NAME>_URL`, else the supergraph's routing URL), its signing secret and its timeout, for
 * any name. Throws when a variable of that name is bad, or in production when it has no secret.
 */
export function subgraphEndpoint(
  config: Pick<GatewayConfig, 'subgraphs'>,
  name: string,
  routingUrl: string | undefined,
): SubgraphEndpoint {
  const settings = config.subgraphs(name);
  const url = settings.url ?? routingUrl;
  if (!url)
    throw new Error(`Subgraph "${name}" has no routing URL in the supergraph and no ${variablePrefix(name)}_URL`);
  return { url, secret: settings.signingSecret, timeoutMs: settings.timeoutMs };
}

/** Options of {@link signedDataSource}. */
export interface SignedDataSourceOptions {
  readonly subgraph: string;
  readonly endpoint: SubgraphEndpoint;
  /** The gateway's breakers: HTTP queries and subscription events share each subgraph's state. */
  readonly breakers: SubgraphBreakers;
  readonly log: Logger;
  /** Told of each fetch's duration and outcome (metrics). Default: nothing. */
  readonly observe?: FetchObserver;
}

/** A data source for one subgraph: every call signed, timed out and behind the subgraph's breaker. */
export function signedDataSource(options: SignedDataSourceOptions): SignedDataSource {
  const { subgraph, endpoint, breakers, log, observe } = options;
  const { url, secret, timeoutMs } = endpoint;
  const breaker = breakers.of(subgraph);
  return new SignedDataSource({
    url,
    fetcher: subgraphFetcher({ subgraph, secret, timeoutMs, breaker, log, ...(observe && { observe }) }),
  });
}
