import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@shopgraph/service-kit/logger';
import { encodeIdentity, signRequest } from '@shopgraph/service-kit/request-signature';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { loadProductsConfig } from './config';
import { startProductsService } from './service';
import { ADMIN } from './testing/product-mother';

const SECRET = 'products-service-test-secret-of-32+chars';
// a signature covers the method and target as the gateway sends them
const POST_GRAPHQL = { method: 'POST', target: '/graphql' } as const;

describe('the products service', () => {
  let database: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('products');
    const env = { PRODUCTS_DATABASE_URL: database.url, PRODUCTS_PORT: '0', PRODUCTS_SIGNING_SECRET: SECRET };
    service = await startProductsService(loadProductsConfig(env), createLogger('products', 'silent'));
  });
  afterAll(async () => {
    await service.stop();
    await database.drop();
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(service.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  it('creates and lists products over HTTP for a request the gateway signed', async () => {
    const create = JSON.stringify({
      query: `mutation { createProduct(input: { sku: "http-1", name: "Lamp", description: "", price: 100, currency: "eur", stock: 1 }) { sku } }`,
    });
    const created = await post(
      create,
      signRequest({ secret: SECRET, encodedIdentity: encodeIdentity(ADMIN), ...POST_GRAPHQL, body: create }),
    );
    expect(await created.json()).toEqual({ data: { createProduct: { sku: 'HTTP-1' } } });
    const list = JSON.stringify({ query: '{ products { totalCount edges { node { sku price { currency } } } } }' });
    const listed = await post(
      list,
      signRequest({ secret: SECRET, encodedIdentity: encodeIdentity(ADMIN), ...POST_GRAPHQL, body: list }),
    );
    expect(await listed.json()).toEqual({
      data: { products: { totalCount: 1, edges: [{ node: { sku: 'HTTP-1', price: { currency: 'EUR' } } }] } },
    });
  });

  it('refuses a request nobody signed', async () => {
    const response = await post(JSON.stringify({ query: '{ products { totalCount } }' }), {});
    expect(response.status).toBe(401);
  });

  it('refuses a NUL in a signed request itself, as BAD_USER_INPUT naming the variable, not an internal error', async () => {
    const search = JSON.stringify({
      query: 'query ($s: String) { products(search: $s) { totalCount } }',
      variables: { s: 'lamp\u0000' },
    });
    const response = await post(
      search,
      signRequest({ secret: SECRET, encodedIdentity: encodeIdentity(ADMIN), ...POST_GRAPHQL, body: search }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [{ message: expect.stringMatching(/\$s/), extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('reports itself ready while its database answers', async () => {
    const response = await fetch(service.url.replace('/graphql', '/ready'));
    expect(await response.json()).toEqual({ status: 'ready' });
  });
});
