import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_MODULES } from '@shopgraph/stack/services';
import { SUBGRAPH_NAMES } from '@shopgraph/stack/subgraph-names';
import { freePort } from '@shopgraph/test-kit/free-port';
import { graphql, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const secrets = Object.fromEntries(
  SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_SIGNING_SECRET`, `${n}-separate-process-secret-0123456789`]),
);
const shared = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  JWT_SECRET: 'separate-process-jwt-secret-0123456789',
  ...secrets,
};

/**
 * What `npm run start -w <workspace>` runs (`tsx src/main.ts` in the workspace), with only
 * its own environment; started without npm so the signal reaches the service, not npm.
 */
function startProcess(workspace: string, env: Record<string, string>): ChildProcess {
  return spawn(`${root}node_modules/.bin/tsx`, ['src/main.ts'], {
    cwd: `${root}${workspace}`,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...shared, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitUntilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ready`);
}

/** SIGTERM, then the exit code (or the signal that ended it). */
function stop(child: ChildProcess): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode);
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.kill('SIGTERM');
  });
}

describe('every service as its own process, configured by environment variables', () => {
  const children = new Map<string, ChildProcess>();
  const databases: TestDatabase[] = [];
  let gatewayUrl = '';

  beforeAll(async () => {
    const routing: Record<string, string> = {};
    for (const name of SUBGRAPH_NAMES) {
      const database = await createTestDatabase(name);
      databases.push(database);
      await SUBGRAPH_MODULES[name].seed(database.url);
      const port = await freePort();
      const prefix = name.toUpperCase();
      children.set(
        name,
        startProcess(`subgraphs/${name}`, {
          [`${prefix}_PORT`]: String(port),
          [`${prefix}_DATABASE_URL`]: database.url,
        }),
      );
      routing[`${prefix}_URL`] = `http://127.0.0.1:${port}/graphql`;
    }
    const port = await freePort();
    children.set('gateway', startProcess('gateway', { GATEWAY_PORT: String(port), ...routing }));
    gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    await waitUntilReady(new URL('/ready', gatewayUrl).toString());
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...children.values()].map(stop));
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('serves the cross-subgraph order query through a gateway of its own', async () => {
    const token = await logInAsCustomer(gatewayUrl);
    const response = await graphql<{
      me: { orders: { totalCount: number; edges: { node: { items: { product: { name: string } }[] } }[] } };
    }>(gatewayUrl, { query: '{ me { orders { totalCount edges { node { items { product { name } } } } } } }', token });
    expect(response.errors).toBeUndefined();
    expect(response.data?.me.orders.totalCount).toBeGreaterThan(0);
    expect(response.data?.me.orders.edges[0]?.node.items[0]?.product.name).toEqual(expect.any(String));
  });

  it('hides Sandbox and introspection in production', async () => {
    const introspection = await graphql(gatewayUrl, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const page = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('sandbox');
  });

  it('stops every process cleanly on SIGTERM', async () => {
    const codes = await Promise.all([...children.values()].map(stop));
    expect(codes).toEqual(codes.map(() => 0));
  });
});
