import type { Logger } from '@shopgraph/service-kit/logger';
import type { GatewayConfig, SubgraphName } from './config';
import { SUBGRAPHS } from './config';
import type { FetchObserver } from './observability/subgraph-fetch-metrics';
import type { SubgraphBreakers } from './resilience/subgraph-breakers';
import { SignedDataSource } from './signed-data-source';
import { subgraphFetcher } from './subgraph-fetcher';

/** How the gateway reaches one subgraph over HTTP. */
export interface SubgraphEndpoint {
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
}

const isKnown = (name: string): name is SubgraphName => (SUBGRAPHS as readonly string[]).includes(name);

/**
 * Where and how the gateway calls the subgraph `name` of the supergraph: its configured URL
 * (else the supergraph's routing URL), its signing secret and its timeout. A subgraph the
 * gateway has no secret for is refused.
 */
export function subgraphEndpoint(
  config: Pick<GatewayConfig, 'subgraphs'>,
  name: string,
  routingUrl: string | undefined,
): SubgraphEndpoint {
  if (!isKnown(name)) throw new Error(`The supergraph names a subgraph this gateway has no secret for: ${name}`);
  const settings = config.subgraphs[name];
  const url = settings.url ?? routingUrl;
  if (url === undefined) throw new Error(`No URL for subgraph ${name}`);
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
