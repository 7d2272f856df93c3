import { z } from 'zod';
import type { Environment } from './env';
import { failpointSchema } from './failpoint';
import type { Failpoint } from './failpoint';
import { host, logLevel, nodeEnv, optionalSecret, parseEnv, port, postgresUrl, resolveSecret } from './env';

/** What every subgraph service reads from its environment. */
export interface SubgraphConfig {
  readonly environment: Environment;
  readonly logLevel: string;
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** Shared with the gateway: only requests it signed are answered. */
  readonly signingSecret: string;
  /** Crash tests only (`FAILPOINT`, refused in production): where the process kills itself. */
  readonly failpoint?: Failpoint;
  /** Development defaults in use, to be logged at boot. */
  readonly warnings: readonly string[];
}

export interface SubgraphVariables {
  /** Prefix of the service's variables: `ORDERS` reads ORDERS_HOST, ORDERS_PORT, … */
  readonly prefix: string;
  readonly defaultPort: number;
}

const SCOPED = ['HOST', 'PORT', 'DATABASE_URL', 'SIGNING_SECRET'] as const;

/**
 * Reads `<PREFIX>_HOST`, `<PREFIX>_PORT`, `<PREFIX>_DATABASE_URL` and
 * `<PREFIX>_SIGNING_SECRET` (plus NODE_ENV, LOG_LEVEL, FAILPOINT) once; a bad value stops the boot with
 * a message naming the variable.
 */
export function loadSubgraphConfig(
  { prefix, defaultPort }: SubgraphVariables,
  env: Readonly<Record<string, string | undefined>>,
): SubgraphConfig {
  const schema = z.object({
    NODE_ENV: nodeEnv,
    LOG_LEVEL: logLevel,
    HOST: host,
    PORT: port(defaultPort),
    DATABASE_URL: postgresUrl,
    SIGNING_SECRET: optionalSecret,
    FAILPOINT: failpointSchema.optional(),
  });
  const names = Object.fromEntries(SCOPED.map((key) => [key, `${prefix}_${key}`]));
  const scoped = Object.fromEntries(SCOPED.map((key) => [key, env[`${prefix}_${key}`]]));
  const shared = { NODE_ENV: env['NODE_ENV'], LOG_LEVEL: env['LOG_LEVEL'], FAILPOINT: env['FAILPOINT'] };
  const raw = parseEnv(schema, { ...shared, ...scoped }, names);
  if (raw.FAILPOINT && raw.NODE_ENV === 'production') {
    throw new Error('Invalid configuration:\n  FAILPOINT: crash tests only, never in production');
  }
  const signing = resolveSecret(`${prefix}_SIGNING_SECRET`, raw.SIGNING_SECRET, raw.NODE_ENV);
  return {
    environment: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    host: raw.HOST,
    port: raw.PORT,
    databaseUrl: raw.DATABASE_URL,
    signingSecret: signing.value,
    ...(raw.FAILPOINT && { failpoint: raw.FAILPOINT }),
    warnings: signing.warning === undefined ? [] : [signing.warning],
  };
}
