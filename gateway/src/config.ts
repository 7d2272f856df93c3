import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { host, logLevel, nodeEnv, optionalSecret, parseEnv, port, resolveSecret } from '@shopgraph/service-kit/env';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, jwtTtlSeconds } from '@shopgraph/service-kit/jwt-contract';
import { metricsAccess, metricsToken } from '@shopgraph/service-kit/metrics/metrics-access';
import type { MetricsAccess } from '@shopgraph/service-kit/metrics/metrics-access';
import { parseJwtKeys } from './auth/jwt-keys';
import type { TokenVerifierSettings } from './auth/token-verifier';
import { loadProtectionConfig } from './protection-config';
import type { ProtectionConfig } from './protection-config';
import { DEFAULT_MAX_CONNECTIONS_PER_IP } from './subscriptions/connections-per-ip';
import { failureThreshold, halfOpenAfterMs, subgraphSettingsLookup, timeoutMs } from './subgraph-settings';
import type { SubgraphSettingsLookup } from './subgraph-settings';
import { loadUsageRecordingConfig } from './usage/usage-config';
import type { UsageRecordingConfig } from './usage/usage-config';
import type { Environment } from '@shopgraph/service-kit/env';

const optionalUrl = z.string().url().optional();
const defaultSupergraph = fileURLToPath(new URL('../../supergraph.graphql', import.meta.url));

const schema = z.object({
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  GATEWAY_HOST: host,
  GATEWAY_PORT: port(4000),
  SUPERGRAPH_PATH: z.string().min(1).default(defaultSupergraph),
  // every subgraph's own variables are read by its name when a supergraph names it (subgraph-settings.ts)
  SUBGRAPH_SIGNING_SECRET: optionalSecret,
  JWT_SECRET: optionalSecret,
  JWT_KID: z.string().optional(),
  JWT_PREVIOUS_KEYS: z.string().optional(),
  JWT_ISSUER: z.string().min(1).default(DEFAULT_JWT_ISSUER),
  JWT_AUDIENCE: z.string().min(1).default(DEFAULT_JWT_AUDIENCE),
  // the issuer's own variable: a token living longer than users ever signs is refused
  JWT_TTL_SECONDS: jwtTtlSeconds,
  SUBGRAPH_TIMEOUT_MS: timeoutMs.default(10_000),
  BREAKER_FAILURE_THRESHOLD: failureThreshold.default(5),
  BREAKER_HALF_OPEN_AFTER_MS: halfOpenAfterMs.default(2_000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(1_048_576),
  SUBSCRIPTION_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  SUBSCRIPTION_MAX_PER_CONNECTION: z.coerce.number().int().min(1).max(1_000).default(20),
  SUBSCRIPTION_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(65_536),
  SUBSCRIPTION_KEEP_ALIVE_MS: z.coerce.number().int().min(1_000).max(600_000).default(12_000),
  SUBSCRIPTION_MAX_BUFFERED_BYTES: z.coerce.number().int().min(65_536).max(104_857_600).default(1_048_576),
  METRICS_TOKEN: metricsToken,
  WS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_MAX_CONNECTIONS_PER_IP),
  EXPLORER_URL: optionalUrl,
});

/** WebSocket subscription limits (SUBSCRIPTION_*); see the README's configuration table. */
export interface SubscriptionSettings {
  /** ms a client has to send `connection_init` (SUBSCRIPTION_INIT_TIMEOUT_MS). Default 3_000. */
  readonly connectionInitWaitTimeout: number;
  /** Subscriptions at once on one connection (SUBSCRIPTION_MAX_PER_CONNECTION). Default 20. */
  readonly maxSubscriptionsPerConnection: number;
  /** Largest frame a client may send, in bytes (SUBSCRIPTION_MAX_PAYLOAD_BYTES). Default 65_536. */
  readonly maxPayload: number;
  /** ms between pings, to clients and to subgraphs (SUBSCRIPTION_KEEP_ALIVE_MS). Default 12_000. */
  readonly keepAlive: number;
  /** Bytes waiting for one client before it is closed 4429 (SUBSCRIPTION_MAX_BUFFERED_BYTES). Default 1_048_576. */
  readonly maxBufferedBytes: number;
  /** WebSocket connections one client IP may hold open, refused 429 beyond (WS_MAX_CONNECTIONS_PER_IP). Default 50. */
  readonly maxConnectionsPerIp: number;
}

export interface GatewayConfig extends ProtectionConfig, UsageRecordingConfig {
  readonly environment: Environment;
  readonly logLevel: string;
  readonly host: string;
  readonly port: number;
  readonly supergraphPath: string;
  /** Any subgraph's settings, by its name: `<NAME>_URL`, `<NAME>_SIGNING_SECRET`, … (decision 0026). */
  readonly subgraphs: SubgraphSettingsLookup;
  readonly jwt: TokenVerifierSettings;
  readonly maxBodyBytes: number;
  readonly subscriptions: SubscriptionSettings;
  /** Who may read `/metrics` (`METRICS_TOKEN`). */
  readonly metrics: MetricsAccess;
  /** EXPLORER_URL: the local explorer the development landing page links to. */
  readonly explorerUrl: string | undefined;
  readonly warnings: readonly string[];
}

type RawConfig = z.output<typeof schema>;

/** Reads the gateway's environment once; a bad value stops the boot with a clear message. */
export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const raw: RawConfig = parseEnv(schema, env);
  const metrics = metricsAccess(raw.METRICS_TOKEN, raw.NODE_ENV);
  const warnings: string[] = [];
  const secretOf = (name: string, value: string | undefined): string => {
    const resolved = resolveSecret(name, value, raw.NODE_ENV);
    if (resolved.warning) warnings.push(resolved.warning);
    return resolved.value;
  };
  const subgraphs = subgraphSettingsLookup(env, {
    environment: raw.NODE_ENV,
    signingSecret: raw.SUBGRAPH_SIGNING_SECRET,
    timeoutMs: raw.SUBGRAPH_TIMEOUT_MS,
    breaker: { failureThreshold: raw.BREAKER_FAILURE_THRESHOLD, halfOpenAfterMs: raw.BREAKER_HALF_OPEN_AFTER_MS },
  });
  return {
    environment: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    host: raw.GATEWAY_HOST,
    port: raw.GATEWAY_PORT,
    supergraphPath: raw.SUPERGRAPH_PATH,
    subgraphs,
    jwt: {
      keys: parseJwtKeys({
        secret: secretOf('JWT_SECRET', raw.JWT_SECRET),
        kid: raw.JWT_KID,
        previous: raw.JWT_PREVIOUS_KEYS,
      }),
      issuer: raw.JWT_ISSUER,
      audience: raw.JWT_AUDIENCE,
      maxTtlSeconds: raw.JWT_TTL_SECONDS,
    },
    maxBodyBytes: raw.MAX_BODY_BYTES,
    subscriptions: {
      connectionInitWaitTimeout: raw.SUBSCRIPTION_INIT_TIMEOUT_MS,
      maxSubscriptionsPerConnection: raw.SUBSCRIPTION_MAX_PER_CONNECTION,
      maxPayload: raw.SUBSCRIPTION_MAX_PAYLOAD_BYTES,
      keepAlive: raw.SUBSCRIPTION_KEEP_ALIVE_MS,
      maxBufferedBytes: raw.SUBSCRIPTION_MAX_BUFFERED_BYTES,
      maxConnectionsPerIp: raw.WS_MAX_CONNECTIONS_PER_IP,
    },
    explorerUrl: raw.EXPLORER_URL,
    ...loadProtectionConfig(env, raw.NODE_ENV),
    metrics,
    ...loadUsageRecordingConfig(env, raw.NODE_ENV),
    warnings,
  };
}
