import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const manifestPath = fileURLToPath(new URL('../../../gateway/persisted-operations.json', import.meta.url));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const AD_HOC = '{ products(first: 1) { totalCount } }';

async function productsOperation(): Promise<{ id: string; body: string }> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    operations: { name: string; id: string; body: string }[];
  };
  const products = manifest.operations.find((operation) => operation.name === 'Products');
  if (!products) throw new Error('the manifest has no Products operation');
  return products;
}
const productsHash = async () => (await productsOperation()).id;

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const byHash = (sha256Hash: string, variables: Record<string, unknown> = {}) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash } },
});

describe('persisted operations, default policy', () => {
  let shop: TestStack;
  beforeAll(async () => {
    shop = await startTestStack();
  });
  afterAll(() => shop.stop());

  it('runs a first-party operation sent by its hash alone', async () => {
    const response = await post(shop.url, byHash(await productsHash(), { first: 2 }));
    const body = (await response.json()) as { data?: { products: { edges: unknown[] } } };
    expect(body.data?.products.edges).toHaveLength(2);
  });

  it('supports automatic persisted queries: an unknown hash is asked for, then registered', async () => {
    const miss = await (await post(shop.url, byHash(sha256(AD_HOC)))).json();
    expect(miss).toMatchObject({
      errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
    });
    const register = await post(shop.url, { query: AD_HOC, ...byHash(sha256(AD_HOC)) });
    expect(register.status).toBe(200);
    const hit = (await (await post(shop.url, byHash(sha256(AD_HOC)))).json()) as { data?: unknown };
    expect(hit.data).toEqual({ products: { totalCount: expect.any(Number) } });
  });

  it('keeps CSRF prevention on: a GET without a preflight header is refused BAD_REQUEST, saying why', async () => {
    const response = await fetch(`${shop.url}?query=${encodeURIComponent(AD_HOC)}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [
        { message: expect.stringMatching(/CSRF.*apollo-require-preflight/s), extensions: { code: 'BAD_REQUEST' } },
      ],
    });
    const preflighted = await fetch(`${shop.url}?query=${encodeURIComponent(AD_HOC)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });
});

describe('persisted operations only (the production setting)', () => {
  let shop: TestStack;
  beforeAll(async () => {
    shop = await startTestStack({ PERSISTED_OPERATIONS_ONLY: 'true' });
  });
  afterAll(() => shop.stop());

  it('runs the manifest operations, by hash or by their exact text', async () => {
    const byId = await post(shop.url, byHash(await productsHash(), { first: 1 }));
    expect(((await byId.json()) as { data?: unknown }).data).toMatchObject({
      products: { totalCount: expect.any(Number) },
    });
    const byText = await post(shop.url, { query: (await productsOperation()).body, variables: { first: 1 } });
    expect(((await byText.json()) as { data?: unknown }).data).toMatchObject({
      products: { totalCount: expect.any(Number) },
    });
  });

  it('refuses an ad-hoc operation with FORBIDDEN, and will not register its hash', async () => {
    const adHoc = await post(shop.url, { query: AD_HOC });
    expect(await adHoc.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const register = await post(shop.url, { query: AD_HOC, ...byHash(sha256(AD_HOC)) });
    expect(await register.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const again = await post(shop.url, byHash(sha256(AD_HOC)));
    expect(await again.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });
});
