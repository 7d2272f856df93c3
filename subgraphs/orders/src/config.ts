import { loadBusConfig } from '@shopgraph/event-bus/bus-config';
import type { BusConfig } from '@shopgraph/event-bus/bus-config';
import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

export interface OrdersConfig extends SubgraphConfig {
  /** `EVENT_BUS` and `NATS_URL`: the saga's bus. */
  readonly bus: BusConfig;
}

/**
 * Reads ORDERS_HOST, ORDERS_PORT (4003), ORDERS_DATABASE_URL and ORDERS_SIGNING_SECRET, plus
 * EVENT_BUS and NATS_URL, once.
 */
export const loadOrdersConfig = (env: Readonly<Record<string, string | undefined>>): OrdersConfig => ({
  ...loadSubgraphConfig({ prefix: 'ORDERS', defaultPort: 4003 }, env),
  bus: loadBusConfig(env),
});
