import { z } from 'zod';
import {
  host,
  logLevel,
  nodeEnv,
  optionalSecret,
  parseEnv,
  port,
  postgresUrl,
  resolveSecret,
} from '@shopgraph/service-kit/env';

const schema = z.object({
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  USERS_HOST: host,
  USERS_PORT: port(4001),
  USERS_DATABASE_URL: postgresUrl,
  USERS_SIGNING_SECRET: optionalSecret,
  JWT_SECRET: optionalSecret,
  JWT_ISSUER: z.string().min(1).default('shopgraph'),
  JWT_AUDIENCE: z.string().min(1).default('shopgraph-api'),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
});

export interface UsersConfig {
  readonly environment: 'development' | 'production' | 'test';
  readonly logLevel: string;
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly signingSecret: string;
  readonly jwt: {
    readonly secret: string;
    readonly issuer: string;
    readonly audience: string;
    readonly ttlSeconds: number;
  };
  /** Development defaults in use, to be logged at boot. */
  readonly warnings: readonly string[];
}

/** Reads the users service's environment once; a bad value stops the boot with a clear message. */
export function loadUsersConfig(env: Record<string, string | undefined>): UsersConfig {
  const raw = parseEnv(schema, env);
  const signing = resolveSecret('USERS_SIGNING_SECRET', raw.USERS_SIGNING_SECRET, raw.NODE_ENV);
  const jwtSecret = resolveSecret('JWT_SECRET', raw.JWT_SECRET, raw.NODE_ENV);
  return {
    environment: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    host: raw.USERS_HOST,
    port: raw.USERS_PORT,
    databaseUrl: raw.USERS_DATABASE_URL,
    signingSecret: signing.value,
    jwt: {
      secret: jwtSecret.value,
      issuer: raw.JWT_ISSUER,
      audience: raw.JWT_AUDIENCE,
      ttlSeconds: raw.JWT_TTL_SECONDS,
    },
    warnings: [signing.warning, jwtSecret.warning].filter((w): w is string => w !== undefined),
  };
}
