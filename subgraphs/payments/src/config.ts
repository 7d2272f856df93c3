import { z } from 'zod';
import { loadBusConfig } from '@shopgraph/event-bus/bus-config';
import type { BusConfig } from '@shopgraph/event-bus/bus-config';
import { parseEnv } from '@shopgraph/service-kit/env';
import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

export interface PaymentsConfig extends SubgraphConfig {
  /** `EVENT_BUS` and `NATS_URL`: the saga's bus. */
  readonly bus: BusConfig;
  /** `PAYMENT_TIMEOUT_MS`: how long a charge may take before the payment FAILS with `payment_timeout`. */
  readonly paymentTimeoutMs: number;
  /** `SIMULATED_PROCESSOR_SLOW_MS`: how long the simulated processor keeps a `tok_slow` charge waiting. */
  readonly simulatedProcessorSlowMs: number;
}

const milliseconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z
  .object({
    PAYMENT_TIMEOUT_MS: milliseconds(5_000), // 5 seconds
    SIMULATED_PROCESSOR_SLOW_MS: milliseconds(30_000), // 30 seconds
  })
  // API.md: tok_slow answers after the payment timeout, so its late capture is always refunded
  .refine((raw) => raw.PAYMENT_TIMEOUT_MS < raw.SIMULATED_PROCESSOR_SLOW_MS, {
    path: ['PAYMENT_TIMEOUT_MS'],
    message: 'must be below SIMULATED_PROCESSOR_SLOW_MS, or tok_slow would not time out',
  });

/**
 * Reads PAYMENTS_HOST, PAYMENTS_PORT (4004), PAYMENTS_DATABASE_URL and PAYMENTS_SIGNING_SECRET,
 * EVENT_BUS and NATS_URL, PAYMENT_TIMEOUT_MS (5000) and SIMULATED_PROCESSOR_SLOW_MS (30000), once.
 */
export function loadPaymentsConfig(env: Readonly<Record<string, string | undefined>>): PaymentsConfig {
  const saga = parseEnv(schema, {
    PAYMENT_TIMEOUT_MS: env['PAYMENT_TIMEOUT_MS'],
    SIMULATED_PROCESSOR_SLOW_MS: env['SIMULATED_PROCESSOR_SLOW_MS'],
  });
  return {
    ...loadSubgraphConfig({ prefix: 'PAYMENTS', defaultPort: 4004 }, env),
    bus: loadBusConfig(env, env['PAYMENTS_DATABASE_URL']),
    paymentTimeoutMs: saga.PAYMENT_TIMEOUT_MS,
    simulatedProcessorSlowMs: saga.SIMULATED_PROCESSOR_SLOW_MS,
  };
}
