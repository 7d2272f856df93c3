import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { GatewayConfig, SubgraphName } from './config';
import { SUBGRAPHS } from './config';
import { SignedDataSource } from './signed-data-source';
import { signingFetcher } from './signing-fetcher';
import { supergraphFromFile } from './supergraph-source';

export interface FederatedGateway {
  readonly gateway: ApolloGateway;
  /** The URL each subgraph is called at, once the supergraph is loaded. */
  readonly subgraphUrls: ReadonlyMap<string, string>;
}

const isKnown = (name: string): name is SubgraphName => (SUBGRAPHS as readonly string[]).includes(name);

/** An Apollo Gateway over the committed supergraph, whose every subgraph call is signed. */
export function createGateway(config: GatewayConfig, log: Logger): FederatedGateway {
  const subgraphUrls = new Map<string, string>();
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
        fetcher: signingFetcher({ secret: settings.signingSecret, timeoutMs: config.subgraphTimeoutMs }),
      });
    },
    logger: log,
  });
  return { gateway, subgraphUrls };
}
