import { z } from 'zod';
import { parseEnv, port } from '@shopgraph/service-kit/env';
import type { ServiceName } from './service-fleet';

const schema = z.object({
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\//, 'must be a nats:// URL')
    .optional(),
  NATS_PORT: port(4222),
  GATEWAY_PORT: port(4000),
  USERS_PORT: port(4001),
  PRODUCTS_PORT: port(4002),
  ORDERS_PORT: port(4003),
  PAYMENTS_PORT: port(4004),
});

/** What `npm run start:services` reads on top of the stack's configuration. */
export interface ServicesConfig {
  /** An existing JetStream server; when unset, nats-server is started from PATH on `natsPort`. */
  readonly natsUrl: string | undefined;
  readonly natsPort: number;
  readonly ports: Readonly<Record<ServiceName, number>>;
}

export function loadServicesConfig(env: Readonly<Record<string, string | undefined>>): ServicesConfig {
  const raw = parseEnv(schema, { ...env });
  return {
    natsUrl: raw.NATS_URL,
    natsPort: raw.NATS_PORT,
    ports: {
      gateway: raw.GATEWAY_PORT,
      users: raw.USERS_PORT,
      products: raw.PRODUCTS_PORT,
      orders: raw.ORDERS_PORT,
      payments: raw.PAYMENTS_PORT,
    },
  };
}
