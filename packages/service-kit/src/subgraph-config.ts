import { z } from 'zod';
import type { Environment } from './env';
import { failpointSchema } from './failpoint';
import type { Failpoint } from './failpoint';
import type { DatabaseTimeouts } from './database/service-pool';
import { DEFAULT_DATABASE_TIMEOUTS } from './database/service-pool';
import { metricsAccess, metricsToken } from './metrics/metrics-access';
import type { MetricsAccess } from './metrics/metrics-access';
import { host, logLevel, nodeEnv, optionalSecret, parseEnv, port, postgresUrl, resolveSecret } from './env';

/** What every subgraph service reads from its environment. */
export interface SubgraphConfig {
  readonly environment: Environment;
  readonly logLevel: string;
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** `DATABASE_CONNECT_TIMEOUT_MS`, `DATABASE_STATEMENT_TIMEOUT_MS`: how long a request waits for its database. */
  readonly databaseTimeouts: DatabaseTimeouts;
  /** Shared with the gateway: only requests it signed are answered. */
  readonly signingSecret: string;
  /** Crash tests only (`FAILPOINT`, refused in production): where the process kills itself. */
  readonly failpoint?: Failpoint;
  /** Who may read `/metrics` (`METRICS_TOKEN`). */
  readonly metrics: MetricsAccess;
  /** Development defaults in use, to be logged at boot. */
  readonly warnings: readonly string[];
}

export interface SubgraphVariables {
  /** Prefix of the service's variables: `ORDERS` reads ORDERS_HOST, ORDERS_PORT, … */
  readonly prefix: string;
  readonly defaultPort: number;
}

const SCOPED = ['HOST', 'PORT', 'DATABASE_URL', 'SIGNING_SECRET'] as const;
const SHARED = [
  'NODE_ENV',
  'LOG_LEVEL',
  'FAILPOINT',
  'DATABASE_CONNECT_TIMEOUT_MS',
  'DATABASE_STATEMENT_TIMEOUT_MS',
  'METRICS_TOKEN',
] as const;
const milliseconds = (fallback: number) => z.coerce.number().int().min(100).max(600_000).default(fallback);

/**
 * Reads `<PREFIX>_HOST`, `<PREFIX>_PORT`, `<PREFIX>_DATABASE_URL` and
 * `<PREFIX>_SIGNING_SECRET` (else SUBGRAPH_SIGNING_SECRET, as the gateway) (plus NODE_ENV, LOG_LEVEL, FAILPOINT and the `DATABASE_*_TIMEOUT_MS`) once; a bad value stops the boot with
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
    METRICS_TOKEN: metricsToken,
    DATABASE_CONNECT_TIMEOUT_MS: milliseconds(DEFAULT_DATABASE_TIMEOUTS.connectMs),
    DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(DEFAULT_DATABASE_TIMEOUTS.statementMs),
  });
  const names = {
    ...Object.fromEntries(SCOPED.map((key) => [key, `${prefix}_${key}`])),
    SIGNING_SECRET: `${prefix}_SIGNING_SECRET (or SUBGRAPH_SIGNING_SECRET)`,
  };
  const scoped = Object.fromEntries(SCOPED.map((key) => [key, env[`${prefix}_${key}`]]));
  // the gateway's shared default for subgraphs without a secret of their own: both ends agree
  scoped['SIGNING_SECRET'] ??= env['SUBGRAPH_SIGNING_SECRET'];
  const shared = Object.fromEntries(SHARED.map((key) => [key, env[key]]));
  const raw = parseEnv(schema, { ...shared, ...scoped }, names);
  if (raw.FAILPOINT && raw.NODE_ENV === 'production') {
    throw new Error('Invalid configuration:\n  FAILPOINT: crash tests only, never in production');
  }
  const signing = resolveSecret(`${prefix}_SIGNING_SECRET`, raw.SIGNING_SECRET, raw.NODE_ENV);
  const metrics = metricsAccess(raw.METRICS_TOKEN, raw.NODE_ENV);
  return {
    environment: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    host: raw.HOST,
    port: raw.PORT,
    databaseUrl: raw.DATABASE_URL,
    databaseTimeouts: { connectMs: raw.DATABASE_CONNECT_TIMEOUT_MS, statementMs: raw.DATABASE_STATEMENT_TIMEOUT_MS },
    signingSecret: signing.value,
    ...(raw.FAILPOINT && { failpoint: raw.FAILPOINT }),
    metrics,
    warnings: signing.warning === undefined ? [] : [signing.warning],
  };
}
