import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { GatewayConfig, SubgraphName } from './config';
import { SUBGRAPHS } from './config';
import { SignedDataSource } from './signed-data-source';
import { createSubgraphBreakers } from './resilience/subgraph-breakers';
import type { SubgraphBreakers } from './resilience/subgraph-breakers';
import { subgraphFetcher } from './subgraph-fetcher';
import { supergraphFromFile } from './supergraph-source';

export interface FederatedGateway {
  readonly gateway: ApolloGateway;
  /** The URL each subgraph is called at, once the supergraph is loaded. */
  readonly subgraphUrls: ReadonlyMap<string, string>;
  readonly breakers: SubgraphBreakers;
}

const isKnown = (name: string): name is SubgraphName => (SUBGRAPHS as readonly string[]).includes(name);

/** An Apollo Gateway over the committed supergraph: every subgraph call signed, timed out and breaker-guarded. */
export function createGateway(config: GatewayConfig, log: Logger): FederatedGateway {
  const subgraphUrls = new Map<string, string>();
  const breakers = createSubgraphBreakers({ ...config.breaker, log });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile({
      path: config.supergraphPath,
      watch: config.environment === 'development',
      log,
    }),
    buildService: ({ name, url }) => {
      if (!isKnown(name)) throw new Error(`The supergraph names a subgraph this gateway has no secret for: ${name}`);
      const settings = config.subgraphs[name];
      const target = settings.url ?? url;
      if (target === undefined) throw new Error(`No URL for subgraph ${name}`);
      subgraphUrls.set(name, target);
      return new SignedDataSource({
        url: target,
        fetcher: subgraphFetcher({
          subgraph: name,
          secret: settings.signingSecret,
          timeoutMs: settings.timeoutMs,
          breaker: breakers.of(name),
          log,
        }),
      });
    },
    logger: log,
  });
  return { gateway, subgraphUrls, breakers };
}
