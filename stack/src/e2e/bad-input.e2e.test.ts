import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PRODUCTS } from '@shopgraph/seed-data/fixture';
import { codes, graphql, logInAsAdmin } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } } }';
const CREATE = 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }';
const aProduct = (overrides: Record<string, unknown>) => ({
  sku: 'NEW-1',
  name: 'New thing',
  description: 'A thing.',
  price: 1_000,
  currency: 'EUR',
  stock: 1,
  ...overrides,
});
// what an error must never show a client: stack frames, SQL, driver names, hosts
const LEAKS = /\bat \w+ \(|select |insert |prisma|postgres|127\.0\.0\.1|localhost|ECONNREFUSED/i;

describe('bad input through the gateway', () => {
  let shop: TestStack;
  let admin: string;
  beforeAll(async () => {
    shop = await startTestStack();
    admin = await logInAsAdmin(shop.url);
  });
  afterAll(() => shop.stop());

  const productCount = async () =>
    (await graphql<{ products: { totalCount: number } }>(shop.url, { query: '{ products { totalCount } }' })).data
      ?.products.totalCount;

  it.each([
    ['an invalid email', { email: 'not-an-email', name: 'A', password: 'long-enough' }, /email/],
    ['a short password', { email: 'short@shop.test', name: 'A', password: '1234567' }, /at least 8/],
    ['a blank name', { email: 'blank@shop.test', name: '  ', password: 'long-enough' }, /name/],
  ])('refuses a sign-up with %s, and creates no account', async (_, input, message) => {
    const response = await graphql(shop.url, { query: SIGN_UP, variables: { input } });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(message);
    const logIn = await graphql(shop.url, {
      query: 'mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }',
      variables: { e: input.email, p: input.password },
    });
    expect(codes(logIn)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a second account for the same email, whatever its case, as a CONFLICT', async () => {
    const input = { email: 'twice@shop.test', name: 'Twice', password: 'long-enough' };
    expect((await graphql(shop.url, { query: SIGN_UP, variables: { input } })).errors).toBeUndefined();
    const again = await graphql(shop.url, {
      query: SIGN_UP,
      variables: { input: { ...input, email: ' TWICE@Shop.Test ' } },
    });
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  it.each([
    ['a negative price', { price: -1 }],
    ['a negative stock', { stock: -3 }],
    ['a malformed currency', { currency: 'EURO' }],
    ['an empty name', { name: '' }],
  ])('refuses a product with %s and creates nothing', async (_, overrides) => {
    const before = await productCount();
    const response = await graphql(shop.url, {
      query: CREATE,
      variables: { input: aProduct(overrides) },
      token: admin,
    });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await productCount()).toBe(before);
  });

  it('refuses a duplicate SKU as a CONFLICT', async () => {
    const response = await graphql(shop.url, {
      query: CREATE,
      variables: { input: aProduct({ sku: SEED_PRODUCTS[0]?.sku }) },
      token: admin,
    });
    expect(codes(response)).toEqual(['CONFLICT']);
  });

  it.each([
    ['product', 'query { product(id: "42") { id } }'],
    ['user', 'query { user(id: "not-a-uuid") { id } }'],
    ['order', 'query { order(id: "1; drop table orders") { id } }'],
    ['restockProduct', 'mutation { restockProduct(id: "nope", quantity: 1) { id } }'],
  ])('refuses a malformed ID in %s', async (_, query) => {
    const response = await graphql(shop.url, { query, token: admin });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/malformed/);
  });

  it('refuses a query the schema does not allow as GRAPHQL_VALIDATION_FAILED, and one that does not parse as GRAPHQL_PARSE_FAILED', async () => {
    expect(codes(await graphql(shop.url, { query: '{ nope }' }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(await graphql(shop.url, { query: '{ products(first: "ten") { totalCount } }' }))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(codes(await graphql(shop.url, { query: '{ products(first: 5) {' }))).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('answers malformed JSON with 400 and a coded error', async () => {
    const response = await fetch(shop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('refuses a forged or expired token with 401 UNAUTHENTICATED', async () => {
    const response = await graphql(shop.url, { query: '{ me { id } }', token: `${admin.slice(0, -4)}AAAA` });
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('never shows a stack, SQL or a host name in any of these errors', async () => {
    const responses = await Promise.all([
      graphql(shop.url, {
        query: CREATE,
        variables: { input: aProduct({ sku: SEED_PRODUCTS[1]?.sku }) },
        token: admin,
      }),
      graphql(shop.url, { query: 'query { order(id: "x") { id } }', token: admin }),
      graphql(shop.url, { query: '{ products(first: 0) { totalCount } }' }),
    ]);
    for (const response of responses) {
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(response.errors)).not.toMatch(LEAKS);
      for (const error of response.errors ?? [])
        expect(Object.keys(error.extensions ?? {}).sort()).toEqual(['code', 'requestId']);
    }
  });

  describe('strings the shop cannot store', () => {
    const NUL = 'a\u0000b';
    const LONE_SURROGATE = 'a\ud800b';
    const LOG_IN = 'mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }';

    it.each([
      ['a NUL', NUL],
      ['a lone surrogate', LONE_SURROGATE],
    ])('refuses %s in a search variable as BAD_USER_INPUT naming it', async (_, search) => {
      const response = await graphql(shop.url, {
        query: 'query ($s: String) { products(search: $s) { totalCount } }',
        variables: { s: search },
      });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.message).toMatch(/\$s/);
    });

    it('refuses a NUL written in a literal argument, naming the argument', async () => {
      const response = await graphql(shop.url, { query: '{ products(search: "a\\u0000b") { totalCount } }' });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0]?.message).toMatch(/"search"/);
    });

    it('refuses a lone surrogate in the query text as GRAPHQL_PARSE_FAILED: graphql-js does not parse it', async () => {
      for (const literal of ['\\ud800', LONE_SURROGATE]) {
        const response = await graphql(shop.url, { query: `{ products(search: "${literal}") { totalCount } }` });
        expect(codes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
      }
    });

    it('refuses them in logIn, anonymously, without an internal error', async () => {
      for (const [e, p] of [
        [NUL, 'long-enough'],
        ['demo@shop.test', LONE_SURROGATE],
      ]) {
        const response = await graphql(shop.url, { query: LOG_IN, variables: { e, p } });
        expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      }
    });

    it('refuses them in signUp and createProduct, and creates nothing', async () => {
      const before = await productCount();
      const input = { email: 'nul@shop.test', name: NUL, password: 'long-enough' };
      expect(codes(await graphql(shop.url, { query: SIGN_UP, variables: { input } }))).toEqual(['BAD_USER_INPUT']);
      const created = await graphql(shop.url, {
        query: CREATE,
        variables: { input: aProduct({ sku: 'NUL-1', description: LONE_SURROGATE }) },
        token: admin,
      });
      expect(codes(created)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(created.errors)).not.toMatch(LEAKS);
      expect(await productCount()).toBe(before);
      const logIn = await graphql(shop.url, { query: LOG_IN, variables: { e: input.email, p: input.password } });
      expect(codes(logIn)).toEqual(['UNAUTHENTICATED']);
    });

    it('still accepts a well-formed pair of surrogates (an emoji)', async () => {
      const response = await graphql(shop.url, {
        query: 'query ($s: String) { products(search: $s) { totalCount } }',
        variables: { s: '😀' },
      });
      expect(response.errors).toBeUndefined();
    });
  });
});
