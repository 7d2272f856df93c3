import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, graphql } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const depthBomb = `{ me { orders { edges { node { ${'payment { order { '.repeat(8)}id${' } }'.repeat(8)} } } } } }`;
const aliases = `{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: products(first: 1) { totalCount }`).join(' ')} }`;

describe('hostile requests through the gateway', () => {
  let shop: TestStack;
  beforeAll(async () => {
    shop = await startTestStack();
  });
  afterAll(() => shop.stop());

  const post = (body: string, contentType = 'application/json') =>
    fetch(shop.url, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('refuses a depth bomb', async () => {
    const response = await graphql(shop.url, { query: depthBomb });
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('refuses 1,000 aliases', async () => {
    const response = await graphql(shop.url, { query: aliases });
    // 1,000 aliases are past the token limit: the parser stops first
    expect(codes(response)[0]).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a page size whose cost multiplies past the limit', async () => {
    // a page of 100 orders inside each of 100 orders: 10,000 objects before any field
    const query =
      '{ me { orders(first: 100) { edges { node { customer { orders(first: 100) { edges { node { id } } } } } } } } }';
    const response = await graphql(shop.url, { query });
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0]?.message).toMatch(/cost/i);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await post(JSON.stringify({ query: `{ products { totalCount } } #${'x'.repeat(2_000_000)}` }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await post('{"query": "{ products { totalCount } }"');
    expect(response.status).toBe(400);
  });

  it('refuses a batched request (an array of operations)', async () => {
    const response = await post(
      JSON.stringify([{ query: '{ products { totalCount } }' }, { query: '{ products { totalCount } }' }]),
    );
    expect(response.status).toBe(400);
  });

  it.each([
    ['an unknown operation name', 'C', /Unknown operation named "C"/],
    ['no operation name for a document of two', undefined, /Must provide operation name/],
  ])('refuses %s as bad input', async (_, operationName, message) => {
    const response = await post(
      JSON.stringify({ operationName, query: 'query A { __typename } query B { __typename }' }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.message).toMatch(message);
  });

  it('still answers normally afterwards', async () => {
    const response = await graphql<{ products: { totalCount: number } }>(shop.url, {
      query: '{ products { totalCount } }',
    });
    expect(response.data?.products.totalCount).toBeGreaterThan(0);
  });
});
