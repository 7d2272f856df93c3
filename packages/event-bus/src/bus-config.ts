import { z } from 'zod';
import { parseEnv } from '@shopgraph/service-kit/env';

/** Which adapter a service talks to, read from `EVENT_BUS`, `EVENT_BUS_DATABASE_URL` and `NATS_URL`. */
export type BusConfig =
  | { readonly kind: 'postgres'; readonly databaseUrl: string }
  | { readonly kind: 'nats'; readonly servers: readonly string[]; readonly ackWaitMs: number };

const natsUrl = z
  .string()
  .regex(/^(nats|tls):\/\/[^\s,]+$/, 'must be a nats:// or tls:// URL')
  .describe('NATS server URL');

const schema = z.object({
  EVENT_BUS: z.enum(['postgres', 'nats']).default('postgres'),
  EVENT_BUS_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  // several servers, comma-separated, for a cluster: the client fails over between them
  NATS_URL: z
    .string()
    .default('nats://127.0.0.1:4222')
    .transform((value) => value.split(',').map((url) => url.trim()))
    .pipe(z.array(natsUrl).min(1)),
  // how long the broker waits for the ack of an event whose consumer died before redelivering it
  NATS_ACK_WAIT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
});

/**
 * Reads `EVENT_BUS` (`postgres`, the default, or `nats`); for Postgres `EVENT_BUS_DATABASE_URL`
 * (default `ownDatabaseUrl`, the service's own database: a service alone then hears only
 * itself); for NATS `NATS_URL` (default `nats://127.0.0.1:4222`; a comma-separated list for a
 * cluster) and `NATS_ACK_WAIT_MS` (default 30 s: how soon an event whose consumer died
 * unacknowledged is delivered again). A bad value stops the boot.
 */
export function loadBusConfig(env: Readonly<Record<string, string | undefined>>, ownDatabaseUrl?: string): BusConfig {
  const { EVENT_BUS, EVENT_BUS_DATABASE_URL, NATS_URL, NATS_ACK_WAIT_MS } = env;
  const raw = parseEnv(schema, { EVENT_BUS, EVENT_BUS_DATABASE_URL, NATS_URL, NATS_ACK_WAIT_MS });
  if (raw.EVENT_BUS === 'nats') return { kind: 'nats', servers: raw.NATS_URL, ackWaitMs: raw.NATS_ACK_WAIT_MS };
  const databaseUrl = raw.EVENT_BUS_DATABASE_URL ?? ownDatabaseUrl;
  if (!databaseUrl) throw new Error('EVENT_BUS=postgres needs EVENT_BUS_DATABASE_URL (a postgres:// URL).');
  return { kind: 'postgres', databaseUrl };
}
