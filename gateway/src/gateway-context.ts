import type { Identity } from '@shopgraph/service-kit/identity';

/** What every gateway request carries: the verified caller and an ID for the logs. */
export interface GatewayContext {
  readonly identity: Identity;
  readonly requestId: string;
}
