import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import { subgraphFetchMetrics } from './observability/subgraph-fetch-metrics';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './gateway-context';
import { exposeQueryPlan } from './query-plan/expose-query-plan';
import { createSubgraphBreakers } from './resilience/subgraph-breakers';
import type { SubgraphBreakers } from './resilience/subgraph-breakers';
import { signedDataSource, subgraphEndpoint } from './subgraph-endpoint';
import { subgraphEndpoints, trackSupergraph } from './supergraph-in-force';
import type { SupergraphInForce } from './supergraph-in-force';
import { supergraphFromFile } from './supergraph-source';

export interface FederatedGateway {
  readonly gateway: ApolloGateway;
  /** The supergraph being served: its hash and the URL of each of its subgraphs. */
  readonly supergraph: SupergraphInForce;
  readonly breakers: SubgraphBreakers;
  /** Apollo Server plugins the gateway needs beside it (query plans for Sandbox, in development). */
  readonly plugins: readonly ApolloServerPlugin<GatewayContext>[];
}

/**
 * An Apollo Gateway over the committed supergraph, whatever subgraphs it names: every
 * subgraph call signed, timed out and breaker-guarded with that subgraph's own settings. A
 * supergraph with a subgraph the gateway cannot serve is refused: at boot the gateway does
 * not start; on a reload the supergraph in force stays.
 */
export function createGateway(config: GatewayConfig, log: Logger, metrics: ServiceMetrics): FederatedGateway {
  const breakers = createSubgraphBreakers({ settingsOf: (name) => config.subgraphs(name).breaker, log });
  const observe = subgraphFetchMetrics(metrics, breakers);
  const development = config.environment === 'development';
  const queryPlans = development ? exposeQueryPlan<GatewayContext>() : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile({
      path: config.supergraphPath,
      watch: development,
      accept: (supergraphSdl) => void subgraphEndpoints(config, supergraphSdl),
      log,
    }),
    buildService: ({ name, url }) =>
      signedDataSource({ subgraph: name, endpoint: subgraphEndpoint(config, name, url), breakers, log, observe }),
    // Sandbox's query plan panel (header Apollo-Query-Plan-Experimental): development only,
    // whatever process.env.NODE_ENV says (Apollo's own default reads it)
    __exposeQueryPlanExperimental: development,
    ...(queryPlans ? { experimental_didResolveQueryPlan: queryPlans.didResolveQueryPlan } : {}),
    logger: log,
  });
  const supergraph = trackSupergraph({ gateway, config, log });
  return { gateway, supergraph, breakers, plugins: queryPlans ? [queryPlans.plugin] : [] };
}
