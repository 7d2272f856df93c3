import { z } from 'zod';
import { optionalSecret, parseEnv, resolveSecret } from '@shopgraph/service-kit/env';
import {
  DEFAULT_JWT_AUDIENCE,
  DEFAULT_JWT_ISSUER,
  DEFAULT_JWT_KID,
  JWT_KID_PATTERN,
  JWT_KID_RULE,
  jwtTtlSeconds,
} from '@shopgraph/service-kit/jwt-contract';
import type { JwtSettings } from '@shopgraph/service-kit/jwt-contract';
import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

const jwtSchema = z.object({
  JWT_SECRET: optionalSecret,
  JWT_KID: z.string().regex(JWT_KID_PATTERN, JWT_KID_RULE).default(DEFAULT_JWT_KID),
  JWT_ISSUER: z.string().min(1).default(DEFAULT_JWT_ISSUER),
  JWT_AUDIENCE: z.string().min(1).default(DEFAULT_JWT_AUDIENCE),
  JWT_TTL_SECONDS: jwtTtlSeconds,
});

export interface UsersConfig extends SubgraphConfig {
  /** Only the current key: users signs, and previous keys matter only to the gateway. */
  readonly jwt: JwtSettings & { readonly ttlSeconds: number };
}

/** The subgraph's USERS_* variables plus the JWT settings the users service signs tokens with. */
export function loadUsersConfig(env: Readonly<Record<string, string | undefined>>): UsersConfig {
  const base = loadSubgraphConfig({ prefix: 'USERS', defaultPort: 4001 }, env);
  const raw = parseEnv(jwtSchema, { ...env });
  const secret = resolveSecret('JWT_SECRET', raw.JWT_SECRET, base.environment);
  return {
    ...base,
    jwt: {
      keys: [{ kid: raw.JWT_KID, secret: secret.value }],
      issuer: raw.JWT_ISSUER,
      audience: raw.JWT_AUDIENCE,
      ttlSeconds: raw.JWT_TTL_SECONDS,
    },
    warnings: secret.warning === undefined ? base.warnings : [...base.warnings, secret.warning],
  };
}
