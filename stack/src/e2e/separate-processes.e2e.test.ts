import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, databaseUrlVariable, routingEnv } from '@shopgraph/stack/subgraph-names';
import { stopProcess } from '@shopgraph/service-kit/child-process';
import { startServiceProcess } from '../service-process';
import { graphql, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { productionSecrets } from '@shopgraph/test-kit/production-secrets';
import { createSeededDatabases } from '@shopgraph/test-kit/seeded-databases';
import type { SeededDatabases } from '@shopgraph/test-kit/seeded-databases';

const shared = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  ...productionSecrets('separate-process'),
};

const STDERR_ONLY = ['ignore', 'ignore', 'inherit'] as const;

describe('every service as its own process, configured by environment variables', () => {
  const children = new Map<string, ChildProcess>();
  let databases: SeededDatabases | undefined;
  let gatewayUrl = '';

  beforeAll(async () => {
    databases = await createSeededDatabases();
    const urls = new Map<string, string>();
    for (const name of SUBGRAPH_NAMES) {
      const prefix = name.toUpperCase();
      // port 0: each service announces the port it got, so none is mistaken for another process
      const { child, url } = await startServiceProcess({
        workspace: `subgraphs/${name}`,
        env: { ...shared, [`${prefix}_PORT`]: '0', [databaseUrlVariable(name)]: databases.urls[name] },
        stdio: STDERR_ONLY,
      });
      children.set(name, child);
      urls.set(name, url);
    }
    const gateway = await startServiceProcess({
      workspace: 'gateway',
      env: { ...shared, GATEWAY_PORT: '0', ...routingEnv((name) => urls.get(name) ?? '') },
      stdio: STDERR_ONLY,
    });
    children.set('gateway', gateway.child);
    gatewayUrl = gateway.url;
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...children.values()].map((child) => stopProcess(child)));
    await databases?.drop();
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
    expect(introspection.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('sandbox');
  });

  it('stops every process cleanly on SIGTERM', async () => {
    const codes = await Promise.all([...children.values()].map((child) => stopProcess(child)));
    expect(codes).toEqual(codes.map(() => 0));
  });
});
