import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { poolConfigFromUrl } from '@shopgraph/service-kit/database/pool-config';
import { graphql } from '@shopgraph/test-kit/graphql-client';
import { productionSecrets } from '@shopgraph/test-kit/production-secrets';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const PRODUCTION = { NODE_ENV: 'production', LOG_LEVEL: 'info', ...productionSecrets('production-test') };

describe('the gateway in production mode', () => {
  let shop: TestStack;
  const logLines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk: Buffer, _, done) => (logLines.push(chunk.toString()), done()) });
    shop = await startTestStack(PRODUCTION, pino({ level: 'info' }, sink));
  });
  afterAll(() => shop.stop());

  it('refuses introspection and serves no Sandbox', async () => {
    const introspection = await graphql(shop.url, { query: '{ __schema { types { name } } }' });
    expect(introspection.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(shop.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
  });

  it('never returns a query plan, whichever header asks for one', async () => {
    const response = await fetch(shop.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollo-expose-query-plan': 'true',
        'apollo-query-plan-experimental': '1',
        'apollo-query-plan-experimental-format': 'internal',
      },
      body: JSON.stringify({ query: '{ products(first: 1) { totalCount } }' }),
    });
    const body = (await response.json()) as { data?: unknown; extensions?: unknown };
    expect(body.data).toEqual({ products: { totalCount: expect.any(Number) } });
    expect(body.extensions).toBeUndefined();
  });

  it('does not suggest field names to a stranger probing the schema', async () => {
    const response = await graphql(shop.url, {
      query: '{ product(id: "6f1c3a52-0000-4000-8000-000000000001") { nam } }',
    });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toContain('nam');
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('answers a subscription sent as a plain HTTP request 400, saying how to subscribe, and logs no error', async () => {
    const before = logLines.length;
    const response = await graphql(shop.url, { query: 'subscription { orderEvents { id } }' });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    expect(response.errors?.[0]?.message).toMatch(/graphql-transport-ws.*multipart\/mixed.*text\/event-stream/s);
    const errors = logLines.slice(before).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
  });

  it('masks an internal failure behind a request ID that leads to the log line', async () => {
    const admin = new pg.Client(poolConfigFromUrl(inject('postgresAdminUrl')));
    await admin.connect();
    const products = new URL(shop.databases.products).pathname.slice(1);
    const broken = new pg.Client({ ...poolConfigFromUrl(inject('postgresAdminUrl')), database: products });
    await broken.connect();
    await broken.query('alter table products rename to products_gone');
    try {
      // a search no earlier request made, so the products cache cannot answer it from memory
      const response = await graphql(shop.url, { query: '{ products(first: 1, search: "masked") { totalCount } }' });
      const error = response.errors?.[0];
      expect(error?.message).toBe('Internal server error');
      expect(error?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(response)).not.toMatch(/products_gone|relation|select|prisma|127\.0\.0\.1/i);
      const requestId = String(error?.extensions?.['requestId']);
      // the subgraph logged the cause under the same ID the client was given
      const cause = logLines.find((line) => line.includes('request failed') && line.includes('relation'));
      expect(cause).toContain(requestId);
    } finally {
      await broken.query('alter table products_gone rename to products');
      await broken.end();
      await admin.end();
    }
  });
});
