import { loadBusConfig } from '@shopgraph/event-bus/bus-config';
import type { BusConfig } from '@shopgraph/event-bus/bus-config';
import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

export interface PaymentsConfig extends SubgraphConfig {
  /** `EVENT_BUS` and `NATS_URL`: the saga's bus. */
  readonly bus: BusConfig;
}

/**
 * Reads PAYMENTS_HOST, PAYMENTS_PORT (4004), PAYMENTS_DATABASE_URL and PAYMENTS_SIGNING_SECRET, plus
 * EVENT_BUS and NATS_URL, once.
 */
export const loadPaymentsConfig = (env: Readonly<Record<string, string | undefined>>): PaymentsConfig => ({
  ...loadSubgraphConfig({ prefix: 'PAYMENTS', defaultPort: 4004 }, env),
  bus: loadBusConfig(env),
});
