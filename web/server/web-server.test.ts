import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWebConfig } from './web-config';
import { startWebServer } from './web-server';
import type { WebServer } from './web-server';

let distDir: string;
beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'web-server-'));
  await writeFile(join(distDir, 'index.html'), '<p>shop</p>');
  await writeFile(join(distDir, 'explorer.html'), '<p>explorer</p>');
});
afterAll(() => rm(distDir, { recursive: true, force: true }));

const serve = (explorer: boolean) =>
  startWebServer({ distDir, graphqlUrl: 'https://api.shop.example/graphql', host: '127.0.0.1', port: 0, explorer });

describe('the storefront web server in development', () => {
  let web: WebServer;
  beforeAll(async () => {
    web = await serve(true);
  });
  afterAll(() => web.stop());

  it('tells the page where the gateway is, uncached', async () => {
    const response = await fetch(`${web.url}config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ graphqlUrl: 'https://api.shop.example/graphql' });
  });

  it('serves the storefront and the local explorer', async () => {
    expect(await (await fetch(web.url)).text()).toBe('<p>shop</p>');
    expect(await (await fetch(`${web.url}explorer`)).text()).toBe('<p>explorer</p>');
  });
});

describe('the storefront web server in production', () => {
  let web: WebServer;
  beforeAll(async () => {
    web = await serve(loadWebConfig({ NODE_ENV: 'production' }).explorer);
  });
  afterAll(() => web.stop());

  it('never serves the explorer, under any of its paths', async () => {
    for (const path of ['explorer', 'explorer/', 'explorer.html']) {
      expect((await fetch(`${web.url}${path}`)).status).toBe(404);
    }
    expect(await (await fetch(web.url)).text()).toBe('<p>shop</p>');
  });
});
