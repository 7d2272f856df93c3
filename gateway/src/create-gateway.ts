import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import { subgraphFetchMetrics } from './observability/subgraph-fetch-metrics';
import type { GatewayConfig } from './config';
import { createSubgraphBreakers } from './resilience/subgraph-breakers';
import type { SubgraphBreakers } from './resilience/subgraph-breakers';
import { signedDataSource, subgraphEndpoint } from './subgraph-endpoint';
import { supergraphFromFile } from './supergraph-source';

export interface FederatedGateway {
  readonly gateway: ApolloGateway;
  /** The URL each subgraph is called at, once the supergraph is loaded. */
  readonly subgraphUrls: ReadonlyMap<string, string>;
  readonly breakers: SubgraphBreakers;
}

/** An Apollo Gateway over the committed supergraph: every subgraph call signed, timed out and breaker-guarded. */
export function createGateway(config: GatewayConfig, log: Logger, metrics: ServiceMetrics): FederatedGateway {
  const subgraphUrls = new Map<string, string>();
  const breakers = createSubgraphBreakers({ ...config.breaker, log });
  const observe = subgraphFetchMetrics(metrics, breakers);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile({
      path: config.supergraphPath,
      watch: config.environment === 'development',
      log,
    }),
    buildService: ({ name, url }) => {
      const endpoint = subgraphEndpoint(config, name, url);
      subgraphUrls.set(name, endpoint.url);
      return signedDataSource({ subgraph: name, endpoint, breakers, log, observe });
    },
    logger: log,
  });
  return { gateway, subgraphUrls, breakers };
}
