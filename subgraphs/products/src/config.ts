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
  PRODUCTS_HOST: host,
  PRODUCTS_PORT: port(4002),
  PRODUCTS_DATABASE_URL: postgresUrl,
  PRODUCTS_SIGNING_SECRET: optionalSecret,
});

export interface ProductsConfig {
  readonly environment: 'development' | 'production' | 'test';
  readonly logLevel: string;
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** Shared with the gateway, which signs every request it sends here. */
  readonly signingSecret: string;
  /** Development defaults in use, to be logged at boot. */
  readonly warnings: readonly string[];
}

/** Reads the products service's environment once; a bad value stops the boot with a clear message. */
export function loadProductsConfig(env: Record<string, string | undefined>): ProductsConfig {
  const raw = parseEnv(schema, env);
  const signing = resolveSecret('PRODUCTS_SIGNING_SECRET', raw.PRODUCTS_SIGNING_SECRET, raw.NODE_ENV);
  return {
    environment: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    host: raw.PRODUCTS_HOST,
    port: raw.PRODUCTS_PORT,
    databaseUrl: raw.PRODUCTS_DATABASE_URL,
    signingSecret: signing.value,
    warnings: signing.warning === undefined ? [] : [signing.warning],
  };
}
