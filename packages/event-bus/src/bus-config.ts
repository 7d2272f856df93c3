import { z } from 'zod';
import { parseEnv } from '@shopgraph/service-kit/env';

/** Which adapter a service talks to, read from `EVENT_BUS` and `NATS_URL`. */
export type BusConfig =
  | { readonly kind: 'in-process' }
  | { readonly kind: 'nats'; readonly servers: readonly string[] };

const natsUrl = z
  .string()
  .regex(/^(nats|tls):\/\/[^\s,]+$/, 'must be a nats:// or tls:// URL')
  .describe('NATS server URL');

const schema = z.object({
  EVENT_BUS: z.enum(['in-process', 'nats']).default('in-process'),
  // several servers, comma-separated, for a cluster: the client fails over between them
  NATS_URL: z
    .string()
    .default('nats://127.0.0.1:4222')
    .transform((value) => value.split(',').map((url) => url.trim()))
    .pipe(z.array(natsUrl).min(1)),
});

/**
 * Reads `EVENT_BUS` (`in-process`, the default, or `nats`) and `NATS_URL` (default
 * `nats://127.0.0.1:4222`; a comma-separated list for a cluster). A bad value stops the boot.
 */
export function loadBusConfig(env: Readonly<Record<string, string | undefined>>): BusConfig {
  const raw = parseEnv(schema, { EVENT_BUS: env['EVENT_BUS'], NATS_URL: env['NATS_URL'] });
  return raw.EVENT_BUS === 'nats' ? { kind: 'nats', servers: raw.NATS_URL } : { kind: 'in-process' };
}
