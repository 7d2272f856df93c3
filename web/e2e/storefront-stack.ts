import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { loadGatewayConfig } from '@shopgraph/gateway/config';
import { startGateway } from '@shopgraph/gateway/gateway-server';
import { createLogger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { routingEnv } from '@shopgraph/stack/subgraph-names';
import { TEST_ENV, startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { startWebServer } from '../server/web-server';
import type { WebServer } from '../server/web-server';

const webRoot = fileURLToPath(new URL('..', import.meta.url));

export interface StorefrontStack {
  readonly shop: TestStack;
  readonly web: WebServer;
  /** Stops the gateway and starts a new one on the same port, as a deploy would. */
  restartGateway(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the storefront from the current sources into a temporary directory. */
async function buildStorefront(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'storefront-'));
  await build({
    configFile: join(webRoot, 'vite.config.ts'),
    logLevel: 'warn',
    mode: 'production',
    // vitest sets NODE_ENV=test, which would bundle React's development build
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    // the storefront page only: the explorer (GraphiQL, Monaco) is not under test here
    build: { outDir, emptyOutDir: true, rollupOptions: { input: join(webRoot, 'index.html') } },
  });
  return outDir;
}

/**
 * The storefront built from source and served against a whole test stack whose gateway runs
 * only persisted operations (the production setting): every operation the app sends must be
 * in the manifest its documents generated.
 */
export async function startStorefrontStack(env: Readonly<Record<string, string>> = {}): Promise<StorefrontStack> {
  const settings = { PERSISTED_OPERATIONS_ONLY: 'true', ...env };
  // one after the other: a build beside the stack's boot starves its database connections
  const distDir = await buildStorefront();
  const shop = await startTestStack(settings);
  let gateway: RunningService = shop.stack.gateway;
  const web = await startWebServer({ distDir, graphqlUrl: shop.url, host: '127.0.0.1', port: 0, explorer: false });
  return {
    shop,
    web,
    restartGateway: async () => {
      await gateway.stop();
      const { port } = new URL(shop.url);
      const subgraphs = shop.stack.subgraphs;
      const config = loadGatewayConfig({
        ...TEST_ENV,
        ...settings,
        GATEWAY_PORT: port,
        ...routingEnv((name) => subgraphs[name].url),
      });
      gateway = await startGateway(config, createLogger('gateway', 'silent'));
    },
    stop: async () => {
      await web.stop();
      await gateway.stop();
      await shop.stop();
      await rm(distDir, { recursive: true, force: true });
    },
  };
}
