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
  /**
   * `ORDER_SETTLE_DEADLINE_MS` (default 120000, 2 minutes): an order still PENDING or
   * AWAITING_PAYMENT this long after it was placed is cancelled with reason `settle_deadline`.
   */
  readonly orderSettleDeadlineMs: number;
}

// Clients resume with `after` after a disconnection; the issue promises at least a day.
const ordersOnly = z.object({
  ORDER_EVENTS_RETENTION_HOURS: z.coerce.number().int().min(24, 'must be at least 24').default(72),
  // far above the payment timeout (5 s) and a busy saga's delays: only a stalled order meets it
  ORDER_SETTLE_DEADLINE_MS: z.coerce.number().int().positive().default(120_000), // 2 minutes
});

/**
 * Reads ORDERS_HOST, ORDERS_PORT (4003), ORDERS_DATABASE_URL and ORDERS_SIGNING_SECRET, plus
 * EVENT_BUS, NATS_URL, ORDER_EVENTS_RETENTION_HOURS and ORDER_SETTLE_DEADLINE_MS, once.
 */
export function loadOrdersConfig(env: Readonly<Record<string, string | undefined>>): OrdersConfig {
  const orders = parseEnv(ordersOnly, {
    ORDER_EVENTS_RETENTION_HOURS: env['ORDER_EVENTS_RETENTION_HOURS'],
    ORDER_SETTLE_DEADLINE_MS: env['ORDER_SETTLE_DEADLINE_MS'],
  });
  return {
    ...loadSubgraphConfig({ prefix: 'ORDERS', defaultPort: 4003 }, env),
    bus: loadBusConfig(env, env['ORDERS_DATABASE_URL']),
    orderEventsRetentionHours: orders.ORDER_EVENTS_RETENTION_HOURS,
    orderSettleDeadlineMs: orders.ORDER_SETTLE_DEADLINE_MS,
  };
}
