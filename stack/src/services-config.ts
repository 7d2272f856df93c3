import { z } from 'zod';
import { parseEnv, port } from '@shopgraph/service-kit/env';

const schema = z.object({
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\//, 'must be a nats:// URL')
    .optional(),
  NATS_PORT: port(4222),
});

/**
 * What `npm run start:services` reads on top of the stack's configuration. Each service reads
 * its own port (`GATEWAY_PORT`, `USERS_PORT`, …, default 4000–4004) as it does alone.
 */
export interface ServicesConfig {
  /** An existing JetStream server; when unset, nats-server is started from PATH on `natsPort`. */
  readonly natsUrl: string | undefined;
  readonly natsPort: number;
}

export function loadServicesConfig(env: Readonly<Record<string, string | undefined>>): ServicesConfig {
  const raw = parseEnv(schema, { ...env });
  return {
    natsUrl: raw.NATS_URL,
    natsPort: raw.NATS_PORT,
  };
}
