import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWebConfig } from './web-config';
import { startWebServer } from './web-server';
import type { WebServer } from './web-server';

/** Where `npm run build -w web` puts the storefront. */
export const STOREFRONT_DIST = fileURLToPath(new URL('../dist', import.meta.url));

/** Whether `npm run build -w web` has run: `npm start` builds first, a test process may not have. */
export const storefrontBuilt = (): boolean => existsSync(join(STOREFRONT_DIST, 'index.html'));

/**
 * The storefront of `npm start` and of its own process: the built app, talking to
 * `WEB_GRAPHQL_URL`, else to `gatewayUrl()` (the gateway the caller starts).
 */
export function startStorefront(
  env: Readonly<Record<string, string | undefined>>,
  gatewayUrl?: () => string,
): Promise<WebServer> {
  const config = loadWebConfig(env);
  const graphqlUrl = config.graphqlUrl ?? gatewayUrl;
  if (!graphqlUrl)
    throw new Error('Invalid configuration:\n  WEB_GRAPHQL_URL: required (the gateway URL browsers use)');
  return startWebServer({ ...config, distDir: STOREFRONT_DIST, graphqlUrl });
}

/** The explorer page of a storefront server that serves it (development), for the gateway's landing page. */
export const explorerUrl = (web: WebServer): string => `${web.url}explorer`;
