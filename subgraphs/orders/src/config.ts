import { z } from 'zod';
import {
  host,
  logLevel,
  nodeEnv,
  optionalSecret,
  parseEnv,
  port,
  postgresUrl,
  resolveSecret,
} from '@shopgraph/service-kit/env';

const schema = z.object({
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  ORDERS_HOST: host,
  ORDERS_PORT: port(4003),
  ORDERS_DATABASE_URL: postgresUrl,
  ORDERS_SIGNING_SECRET: optionalSecret,
});

export interface OrdersConfig {
  readonly environment: 'development' | 'production' | 'test';
  readonly logLevel: string;
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** Shared with the gateway: only requests it signed are answered. */
  readonly signingSecret: string;
  /** Development defaults in use, to be logged at boot. */
  readonly warnings: readonly string[];
}

/** Reads the orders service's environment once; a bad value stops the boot with a clear message. */
export function loadOrdersConfig(env: Record<string, string | undefined>): OrdersConfig {
  const raw = parseEnv(schema, env);
  const signing = resolveSecret('ORDERS_SIGNING_SECRET', raw.ORDERS_SIGNING_SECRET, raw.NODE_ENV);
  return {
    environment: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    host: raw.ORDERS_HOST,
    port: raw.ORDERS_PORT,
    databaseUrl: raw.ORDERS_DATABASE_URL,
    signingSecret: signing.value,
    warnings: signing.warning === undefined ? [] : [signing.warning],
  };
}
