import { z } from 'zod';
import { optionalSecret, parseEnv, resolveSecret } from '@shopgraph/service-kit/env';
import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

const jwtSchema = z.object({
  JWT_SECRET: optionalSecret,
  JWT_ISSUER: z.string().min(1).default('shopgraph'),
  JWT_AUDIENCE: z.string().min(1).default('shopgraph-api'),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
});

export interface UsersConfig extends SubgraphConfig {
  readonly jwt: {
    readonly secret: string;
    readonly issuer: string;
    readonly audience: string;
    readonly ttlSeconds: number;
  };
}

/** The subgraph's USERS_* variables plus the JWT settings the users service signs tokens with. */
export function loadUsersConfig(env: Readonly<Record<string, string | undefined>>): UsersConfig {
  const base = loadSubgraphConfig({ prefix: 'USERS', defaultPort: 4001 }, env);
  const raw = parseEnv(jwtSchema, { ...env });
  const secret = resolveSecret('JWT_SECRET', raw.JWT_SECRET, base.environment);
  return {
    ...base,
    jwt: { secret: secret.value, issuer: raw.JWT_ISSUER, audience: raw.JWT_AUDIENCE, ttlSeconds: raw.JWT_TTL_SECONDS },
    warnings: secret.warning === undefined ? base.warnings : [...base.warnings, secret.warning],
  };
}
