import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { logLevel, nodeEnv, parseEnv } from '@shopgraph/service-kit/env';
import type { Environment } from '@shopgraph/service-kit/env';

const schema = z.object({
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  DATA_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../.data', import.meta.url))),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65_535).default(5433),
});

export interface StackConfig {
  /** NODE_ENV: under `production` the demo data (accounts with public passwords) is never seeded. */
  readonly environment: Environment;
  readonly logLevel: string;
  /** Where the embedded PostgreSQL keeps its data between starts. */
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
}

export function loadStackConfig(env: Record<string, string | undefined>): StackConfig {
  const raw = parseEnv(schema, env);
  return {
    environment: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    dataDir: raw.DATA_DIR,
    embeddedPostgresPort: raw.EMBEDDED_POSTGRES_PORT,
  };
}
