import { z } from 'zod';
import { host, nodeEnv, parseEnv, port } from '@shopgraph/service-kit/env';

/** The storefront web server's settings. */
export interface WebConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The gateway's public `/graphql` URL, as browsers reach it; undefined: the caller knows it. */
  readonly graphqlUrl: string | undefined;
  /** Serve the local GraphQL explorer (`/explorer.html`): development only, never in production. */
  readonly explorer: boolean;
}

const schema = z.object({
  NODE_ENV: nodeEnv,
  WEB_HOST: host,
  WEB_PORT: port(3000),
  WEB_GRAPHQL_URL: z.url({ protocol: /^https?$/ }).optional(),
});

/** Parses the environment; a bad value stops the process with a message naming the variable. */
export function loadWebConfig(env: Readonly<Record<string, string | undefined>>): WebConfig {
  const raw = parseEnv(schema, env);
  return {
    host: raw.WEB_HOST,
    port: raw.WEB_PORT,
    graphqlUrl: raw.WEB_GRAPHQL_URL,
    explorer: raw.NODE_ENV !== 'production',
  };
}
