import type { ServiceMap } from '@apollo/gateway';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { SubgraphBreakers } from '../resilience/subgraph-breakers';
import { signedDataSource } from '../subgraph-endpoint';
import type { SubgraphEndpoint } from '../subgraph-endpoint';

/** Options of {@link signedServiceMap}. */
export interface SignedServiceMapOptions {
  readonly endpoints: ReadonlyMap<string, SubgraphEndpoint>;
  /** The gateway's breakers, so HTTP queries and subscription events share each subgraph's state. */
  readonly breakers: SubgraphBreakers;
  readonly log: Logger;
}

/** The data sources subscription events are completed with: the gateway's own, one per subgraph. */
export function signedServiceMap({ endpoints, breakers, log }: SignedServiceMapOptions): ServiceMap {
  return Object.fromEntries(
    [...endpoints].map(([subgraph, endpoint]) => [subgraph, signedDataSource({ subgraph, endpoint, breakers, log })]),
  );
}
