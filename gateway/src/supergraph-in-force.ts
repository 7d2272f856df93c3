import { createHash } from 'node:crypto';
import { Supergraph } from '@apollo/federation-internals';
import type { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { GatewayConfig } from './config';
import { subgraphEndpoint } from './subgraph-endpoint';
import type { SubgraphEndpoint } from './subgraph-endpoint';
import { variablePrefix } from './subgraph-settings';

/**
 * The supergraph's identity in logs, `/ready` and tests: the SHA-256 of its text, as
 * @apollo/gateway computes its composition ID (`sha256sum supergraph.graphql` gives the same).
 */
export const supergraphHash = (supergraphSdl: string): string =>
  createHash('sha256').update(supergraphSdl).digest('hex');

/**
 * How the gateway reaches every subgraph a supergraph names, from the subgraph's own
 * variables and the supergraph's routing URLs. Throws, naming the subgraph and the variable,
 * when one cannot be served: a bad value, no secret in production, two names sharing variables.
 */
export function subgraphEndpoints(
  config: Pick<GatewayConfig, 'subgraphs'>,
  supergraphSdl: string,
): ReadonlyMap<string, SubgraphEndpoint> {
  const endpoints = new Map<string, SubgraphEndpoint>();
  const prefixes = new Map<string, string>();
  for (const { name, url } of Supergraph.build(supergraphSdl).subgraphsMetadata()) {
    const prefix = variablePrefix(name);
    const other = prefixes.get(prefix);
    if (other !== undefined) {
      throw new Error(`Subgraphs "${other}" and "${name}" would share the variables ${prefix}_*: rename one`);
    }
    prefixes.set(prefix, name);
    endpoints.set(name, subgraphEndpoint(config, name, url));
  }
  return endpoints;
}

/** What the gateway serves right now; it changes when a reloaded supergraph comes into force. */
export interface SupergraphInForce {
  /** The hash ({@link supergraphHash}) of the supergraph in force; undefined before the first load. */
  hash(): string | undefined;
  /** The URL each subgraph of the supergraph in force is called at (a live view). */
  readonly subgraphUrls: ReadonlyMap<string, string>;
}

/** Options of {@link trackSupergraph}. */
export interface TrackSupergraphOptions {
  readonly gateway: ApolloGateway;
  readonly config: Pick<GatewayConfig, 'subgraphs'>;
  readonly log: Logger;
}

/**
 * Follows the gateway's supergraph: every load logs `supergraph in force` with its hash and
 * subgraphs (and, once per name, the subgraphs signed with a development secret). Call before
 * the gateway loads.
 */
export function trackSupergraph({ gateway, config, log }: TrackSupergraphOptions): SupergraphInForce {
  let hash: string | undefined;
  const subgraphUrls = new Map<string, string>();
  const warned = new Set<string>();
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    const endpoints = subgraphEndpoints(config, coreSupergraphSdl);
    subgraphUrls.clear();
    for (const [name, endpoint] of endpoints) subgraphUrls.set(name, endpoint.url);
    const defaulted = [...endpoints.keys()].filter(
      (name) => config.subgraphs(name).developmentSecret && !warned.has(name),
    );
    if (defaulted.length > 0) {
      defaulted.forEach((name) => warned.add(name));
      const variables = defaulted.map((name) => config.subgraphs(name).developmentSecret).join(', ');
      log.warn(
        `${variables} not set (nor SUBGRAPH_SIGNING_SECRET): signing with development defaults that must never reach production`,
      );
    }
    hash = supergraphHash(coreSupergraphSdl);
    log.info({ supergraph: hash, subgraphs: [...endpoints.keys()] }, 'supergraph in force');
  });
  return { hash: () => hash, subgraphUrls };
}
