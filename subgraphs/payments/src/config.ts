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
  PAYMENTS_HOST: host,
  PAYMENTS_PORT: port(4004),
  PAYMENTS_DATABASE_URL: postgresUrl,
  PAYMENTS_SIGNING_SECRET: optionalSecret,
});

export interface PaymentsConfig {
  readonly environment: 'development' | 'production' | 'test';
  readonly logLevel: string;
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly signingSecret: string;
  /** Development defaults in use, to be logged at boot. */
  readonly warnings: readonly string[];
}

/** Reads the payments service's environment once; a bad value stops the boot with a clear message. */
export function loadPaymentsConfig(env: Record<string, string | undefined>): PaymentsConfig {
  const raw = parseEnv(schema, env);
  const signing = resolveSecret('PAYMENTS_SIGNING_SECRET', raw.PAYMENTS_SIGNING_SECRET, raw.NODE_ENV);
  return {
    environment: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    host: raw.PAYMENTS_HOST,
    port: raw.PAYMENTS_PORT,
    databaseUrl: raw.PAYMENTS_DATABASE_URL,
    signingSecret: signing.value,
    warnings: signing.warning === undefined ? [] : [signing.warning],
  };
}
