import { z } from 'zod';
import { parseEnv } from '@shopgraph/service-kit/env';

/** Whether products keeps its public fields in memory, and for how long at most (decision 0047). */
export interface EntityCacheConfig {
  /** `ENTITY_CACHE` (default `true`): `false` reads every product from the database. */
  readonly enabled: boolean;
  /** `ENTITY_CACHE_TTL_SECONDS` (default 60): the backstop for an invalidation the bus lost. */
  readonly ttlSeconds: number;
}

const schema = z.object({
  ENTITY_CACHE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  ENTITY_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

/** Reads ENTITY_CACHE and ENTITY_CACHE_TTL_SECONDS once; a bad value stops the boot. */
export function loadEntityCacheConfig(env: Readonly<Record<string, string | undefined>>): EntityCacheConfig {
  const { ENTITY_CACHE, ENTITY_CACHE_TTL_SECONDS } = parseEnv(schema, { ...env });
  return { enabled: ENTITY_CACHE, ttlSeconds: ENTITY_CACHE_TTL_SECONDS };
}
