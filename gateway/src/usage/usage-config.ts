import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseEnv } from '@shopgraph/service-kit/env';
import type { Environment } from '@shopgraph/service-kit/env';

/** Where a development gateway writes its usage record, and where `schema:check` looks by default. */
export const DEFAULT_USAGE_RECORD_PATH = fileURLToPath(
  new URL('../../../.data/usage/operations.json', import.meta.url),
);

const schema = z.object({
  USAGE_RECORDING: z.enum(['on', 'off']).optional(),
  USAGE_RECORD_PATH: z.string().min(1).default(DEFAULT_USAGE_RECORD_PATH),
  USAGE_RECORD_MAX_OPERATIONS: z.coerce.number().int().min(1).max(100_000).default(2_000),
  USAGE_RECORD_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
});

/** Recording of the operations clients send (usage/), read by `npm run schema:check`. */
export interface UsageRecordingConfig {
  readonly usageRecording: {
    readonly enabled: boolean;
    readonly path: string;
    /** Distinct operations kept, in memory and in the file; later new ones are counted as dropped. */
    readonly maxOperations: number;
    readonly intervalMs: number;
  };
}

/** USAGE_RECORDING defaults to on in development, off elsewhere. */
export function loadUsageRecordingConfig(
  env: Record<string, string | undefined>,
  environment: Environment,
): UsageRecordingConfig {
  const raw = parseEnv(schema, env);
  return {
    usageRecording: {
      enabled: (raw.USAGE_RECORDING ?? (environment === 'development' ? 'on' : 'off')) === 'on',
      path: raw.USAGE_RECORD_PATH,
      maxOperations: raw.USAGE_RECORD_MAX_OPERATIONS,
      intervalMs: raw.USAGE_RECORD_INTERVAL_MS,
    },
  };
}
