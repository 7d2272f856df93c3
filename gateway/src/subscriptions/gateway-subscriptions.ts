import type { ApolloGateway, ServiceMap } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { GatewayConfig } from '../config';
import type { SubgraphBreakers } from '../resilience/subgraph-breakers';
import { subgraphEndpoint } from '../subgraph-endpoint';
import type { SubgraphEndpoint } from '../subgraph-endpoint';
import { createFederatedSubscriptions } from './federated-subscription';
import type { FederatedSubscriptions } from './federated-subscription';
import { signedServiceMap } from './signed-service-map';
import { createSubscriptionPlanner } from './subscription-planner';
import type { SubscriptionPlanner } from './subscription-planner';
import { createUpstreamPool, webSocketUrl } from './upstream-pool';

/** Options of {@link createGatewaySubscriptions}. */
export interface GatewaySubscriptionsOptions {
  readonly config: Pick<GatewayConfig, 'subgraphs' | 'subscriptions'>;
  readonly gateway: ApolloGateway;
  readonly breakers: SubgraphBreakers;
  readonly log: Logger;
}

export interface GatewaySubscriptions {
  readonly subscriptions: FederatedSubscriptions;
  /** The API schema subscriptions are validated against, once the supergraph is loaded. */
  readonly schema: () => GraphQLSchema;
  dispose(): Promise<void>;
}

interface Loaded {
  readonly planner: SubscriptionPlanner;
  readonly endpoints: ReadonlyMap<string, SubgraphEndpoint>;
  readonly serviceMap: ServiceMap;
}

/**
 * Federated subscriptions over the gateway's own supergraph: re-planned whenever the
 * gateway loads a new one, completed through data sources signed and breaker-guarded like
 * the gateway's. Call before Apollo Server starts, so the first load is seen.
 */
export function createGatewaySubscriptions({
  config,
  gateway,
  breakers,
  log,
}: GatewaySubscriptionsOptions): GatewaySubscriptions {
  let loaded: Loaded | undefined;
  const current = (): Loaded => {
    if (!loaded) throw new Error('The supergraph is not loaded yet');
    return loaded;
  };
  const stopListening = gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    const planner = createSubscriptionPlanner(coreSupergraphSdl);
    const endpoints = new Map(
      [...planner.routingUrls].map(([name, url]) => [name, subgraphEndpoint(config, name, url)]),
    );
    loaded = { planner, endpoints, serviceMap: signedServiceMap({ endpoints, breakers, log }) };
  });
  const pool = createUpstreamPool({ keepAlive: config.subscriptions.keepAlive });
  const subscriptions = createFederatedSubscriptions({
    planner: () => current().planner,
    serviceMap: () => current().serviceMap,
    pool,
    target: (name) => {
      const endpoint = current().endpoints.get(name);
      if (!endpoint) throw new Error(`The supergraph has no subgraph ${name}`);
      return { url: webSocketUrl(endpoint.url), secret: endpoint.secret };
    },
    log,
  });
  return {
    subscriptions,
    schema: () => current().planner.apiSchema,
    async dispose() {
      stopListening();
      await pool.dispose();
    },
  };
}
