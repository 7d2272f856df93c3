import { z } from 'zod';
import { parseEnv } from '@shopgraph/service-kit/env';
import { parseAllowedOrigins } from './http-guards/allowed-origins';
import type { AllowedOrigins } from './http-guards/cors';
import { DEFAULT_MAX_BATCH_OPERATIONS } from './http-guards/batch-size';
import { DEFAULT_RATE_LIMITS } from './http-guards/rate-limiter';
import type { OperationLimitOptions } from './limits/operation-limits';
import { DEFAULT_MANIFEST_PATH } from './persisted-operations/persisted-operation-manifest';
import type { Environment } from '@shopgraph/service-kit/env';

const limit = z.coerce.number().int().min(1).optional();
const positive = z.coerce.number().positive();
const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

const schema = z.object({
  MAX_DEPTH: limit,
  MAX_ALIASES: limit,
  MAX_TOKENS: limit,
  MAX_DIRECTIVES: limit,
  MAX_COST: limit,
  PERSISTED_OPERATIONS_PATH: z.string().min(1).default(DEFAULT_MANIFEST_PATH),
  PERSISTED_OPERATIONS_ONLY: flag,
  ALLOW_BATCHED_REQUESTS: flag,
  MAX_BATCH_OPERATIONS: z.coerce.number().int().min(1).max(100).default(DEFAULT_MAX_BATCH_OPERATIONS),
  RATE_LIMIT_IP_BURST: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_RATE_LIMITS.perIp.burst),
  RATE_LIMIT_IP_PER_SECOND: positive.default(DEFAULT_RATE_LIMITS.perIp.perSecond),
  RATE_LIMIT_USER_BURST: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_RATE_LIMITS.perUser.burst),
  RATE_LIMIT_USER_PER_SECOND: positive.default(DEFAULT_RATE_LIMITS.perUser.perSecond),
  RATE_LIMIT_MAX_KEYS: z.coerce.number().int().min(1_000).max(10_000_000).default(DEFAULT_RATE_LIMITS.maxKeys),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  CORS_ORIGINS: z.string().optional(),
});

/** Everything that protects the public endpoint; see the README's configuration table. */
export interface ProtectionConfig {
  readonly operationLimits: OperationLimitOptions;
  readonly persistedOperations: { readonly path: string; readonly only: boolean };
  readonly allowBatchedRequests: boolean;
  /** Most operations in one batch (each is checked and rate-limited as a request of its own). */
  readonly maxBatchOperations: number;
  readonly rateLimit: {
    readonly perIp: { readonly burst: number; readonly perSecond: number };
    readonly perUser: { readonly burst: number; readonly perSecond: number };
    readonly maxKeys: number;
  };
  /** Proxies in front that append to X-Forwarded-For (0: the header is ignored). */
  readonly trustedProxies: number;
  readonly corsOrigins: AllowedOrigins;
}

export function loadProtectionConfig(
  env: Readonly<Record<string, string | undefined>>,
  environment: Environment,
): ProtectionConfig {
  const raw = parseEnv(schema, { ...env });
  return {
    operationLimits: {
      maxDepth: raw.MAX_DEPTH,
      maxAliases: raw.MAX_ALIASES,
      maxTokens: raw.MAX_TOKENS,
      maxDirectives: raw.MAX_DIRECTIVES,
      maxCost: raw.MAX_COST,
    },
    persistedOperations: { path: raw.PERSISTED_OPERATIONS_PATH, only: raw.PERSISTED_OPERATIONS_ONLY },
    allowBatchedRequests: raw.ALLOW_BATCHED_REQUESTS,
    maxBatchOperations: raw.MAX_BATCH_OPERATIONS,
    rateLimit: {
      perIp: { burst: raw.RATE_LIMIT_IP_BURST, perSecond: raw.RATE_LIMIT_IP_PER_SECOND },
      perUser: { burst: raw.RATE_LIMIT_USER_BURST, perSecond: raw.RATE_LIMIT_USER_PER_SECOND },
      maxKeys: raw.RATE_LIMIT_MAX_KEYS,
    },
    trustedProxies: raw.TRUST_PROXY,
    corsOrigins: parseAllowedOrigins({ value: raw.CORS_ORIGINS, environment }),
  };
}
