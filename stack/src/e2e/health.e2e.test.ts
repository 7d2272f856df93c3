import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

describe('gateway health, readiness and Sandbox', () => {
  let shop: TestStack;
  beforeAll(async () => {
    shop = await startTestStack({ NODE_ENV: 'development' });
  });
  afterAll(() => shop.stop());

  const at = (path: string) => new URL(path, shop.url).toString();

  it('reports alive on /health and ready on /ready when every subgraph answers', async () => {
    expect((await fetch(at('/health'))).status).toBe(200);
    const ready = await fetch(at('/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      subgraphs: { users: true, products: true, orders: true, payments: true },
    });
  });

  it('reports not ready, naming the subgraph, when one is down', async () => {
    await shop.stack.subgraphs.payments.stop();
    const ready = await fetch(at('/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', subgraphs: { payments: false, users: true } });
  });

  it('serves Apollo Sandbox to a browser in development, with introspection', async () => {
    const page = await fetch(shop.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await page.text()).toLowerCase()).toContain('sandbox');
    const introspection = await fetch(shop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(await introspection.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
