import { z } from 'zod';
import { loadBusConfig } from '@shopgraph/event-bus/bus-config';
import type { BusConfig } from '@shopgraph/event-bus/bus-config';
import { parseEnv } from '@shopgraph/service-kit/env';
import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

export interface OrdersConfig extends SubgraphConfig {
  /** `EVENT_BUS` and `NATS_URL`: the saga's bus. */
  readonly bus: BusConfig;
  /** `ORDER_EVENTS_RETENTION_HOURS` (default 72, at least 24): how far back a subscription can resume. */
  readonly orderEventsRetentionHours: number;
}

// Clients resume with `after` after a disconnection; the issue promises at least a day.
const ordersOnly = z.object({
  ORDER_EVENTS_RETENTION_HOURS: z.coerce.number().int().min(24, 'must be at least 24').default(72),
});

/**
 * Reads ORDERS_HOST, ORDERS_PORT (4003), ORDERS_DATABASE_URL and ORDERS_SIGNING_SECRET, plus
 * EVENT_BUS, NATS_URL and ORDER_EVENTS_RETENTION_HOURS, once.
 */
export const loadOrdersConfig = (env: Readonly<Record<string, string | undefined>>): OrdersConfig => ({
  ...loadSubgraphConfig({ prefix: 'ORDERS', defaultPort: 4003 }, env),
  bus: loadBusConfig(env, env['ORDERS_DATABASE_URL']),
  orderEventsRetentionHours: parseEnv(ordersOnly, {
    ORDER_EVENTS_RETENTION_HOURS: env['ORDER_EVENTS_RETENTION_HOURS'],
  }).ORDER_EVENTS_RETENTION_HOURS,
});
