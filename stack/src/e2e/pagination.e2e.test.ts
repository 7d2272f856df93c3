import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ORDERS, SEED_PRODUCTS } from '@shopgraph/seed-data/fixture';
import { codes, graphql, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
const PAGE = 'totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const PRODUCTS = `query ($first: Int, $after: String, $last: Int, $before: String, $search: String) {
  products(first: $first, after: $after, last: $last, before: $before, search: $search) { ${PAGE} } }`;
const MY_ORDERS = `query ($first: Int, $after: String, $last: Int, $before: String) {
  me { orders(first: $first, after: $after, last: $last, before: $before) { ${PAGE} } } }`;

/** Follows `endCursor` until the last page; returns every page. */
async function walk(fetchPage: (after: string | null) => Promise<Connection>): Promise<Connection[]> {
  const pages: Connection[] = [];
  let after: string | null = null;
  do {
    const page = await fetchPage(after);
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null && pages.length < 100);
  return pages;
}

describe('pagination through the gateway', () => {
  let shop: TestStack;
  let token: string;
  beforeAll(async () => {
    shop = await startTestStack();
    token = await logInAsCustomer(shop.url);
  });
  afterAll(() => shop.stop());

  const products = async (variables: Record<string, unknown>) =>
    graphql<{ products: Connection }>(shop.url, { query: PRODUCTS, variables });

  it('walks the whole catalogue page by page with no overlap and no gap', async () => {
    const pages = await walk(async (after) => (await products({ first: 7, after })).data?.products as Connection);
    const ids = pages.flatMap((page) => page.edges.map((edge) => edge.node.id));
    expect(pages).toHaveLength(Math.ceil(SEED_PRODUCTS.length / 7));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(SEED_PRODUCTS.map((p) => p.id)));
    expect(pages.every((page) => page.totalCount === SEED_PRODUCTS.length)).toBe(true);
    expect(pages.at(-1)?.pageInfo.hasNextPage).toBe(false);
  });

  it('lists the newest products first', async () => {
    const first = (await products({ first: 3 })).data?.products.edges.map((edge) => edge.node.id);
    const newest = [...SEED_PRODUCTS].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, 3);
    expect(first).toEqual(newest.map((p) => p.id));
  });

  it('counts and pages only the products a search matches', async () => {
    const mugs = SEED_PRODUCTS.filter((p) => p.name.toLowerCase().includes('mug'));
    const pages = await walk(
      async (after) => (await products({ first: 4, after, search: 'MUG' })).data?.products as Connection,
    );
    expect(pages[0]?.totalCount).toBe(mugs.length);
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.id)).sort()).toEqual(mugs.map((p) => p.id).sort());
  });

  it('walks a customer’s orders with no overlap and no gap', async () => {
    const pages = await walk(async (after) => {
      const response = await graphql<{ me: { orders: Connection } }>(shop.url, {
        query: MY_ORDERS,
        variables: { first: 1, after },
        token,
      });
      return response.data?.me.orders as Connection;
    });
    const ids = pages.flatMap((page) => page.edges.map((edge) => edge.node.id));
    expect(ids).toHaveLength(SEED_ORDERS.length);
    expect(new Set(ids)).toEqual(new Set(SEED_ORDERS.map((o) => o.id)));
  });

  it.each([0, -5, 101, 1000])('refuses first = %s with BAD_USER_INPUT', async (first) => {
    expect(codes(await products({ first }))).toEqual(['BAD_USER_INPUT']);
    const orders = await graphql(shop.url, { query: MY_ORDERS, variables: { first }, token });
    expect(codes(orders)).toEqual(['BAD_USER_INPUT']);
  });

  it('walks the catalogue backward from its oldest end with last and before, the same products in the same order', async () => {
    const pages: Connection[] = [];
    let before: string | null = null;
    do {
      const page = (await products({ last: 7, before })).data?.products as Connection;
      pages.unshift(page);
      before = page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
    } while (before !== null && pages.length < 100);
    const newestFirst = [...SEED_PRODUCTS].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    );
    expect(pages.flatMap((page) => page.edges.map((edge) => edge.node.id))).toEqual(newestFirst.map((p) => p.id));
    expect(pages[0]?.pageInfo.hasPreviousPage).toBe(false);
    expect(pages.at(-1)?.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("pages a customer's orders back from an endCursor, and says a page after a cursor has items before it", async () => {
    const orders = async (variables: Record<string, unknown>) =>
      (await graphql<{ me: { orders: Connection } }>(shop.url, { query: MY_ORDERS, variables, token })).data?.me
        .orders as Connection;
    const firstTwo = await orders({ first: 2 });
    const next = await orders({ first: 2, after: firstTwo.pageInfo.endCursor });
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    const back = await orders({ last: 2, before: next.pageInfo.startCursor });
    expect(back.edges.map((edge) => edge.node.id)).toEqual(firstTwo.edges.map((edge) => edge.node.id));
    expect(back.pageInfo).toMatchObject({
      hasPreviousPage: false,
      hasNextPage: true,
      startCursor: firstTwo.edges[0]?.cursor,
    });
  });

  it.each([
    ['first and last together', { first: 2, last: 2 }, /not both/],
    ['last with after', { last: 2, after: 'x' }, /not both ways/],
    ['a negative last', { last: -1 }, /last must be between 1 and 100/],
    ['last over the maximum', { last: 101 }, /last must be between 1 and 100/],
    ['a malformed before', { last: 2, before: 'garbage' }, /before is not a cursor/],
  ])('refuses %s with BAD_USER_INPUT, on products and on orders', async (_, variables, message) => {
    const response = await products(variables);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(codes(await graphql(shop.url, { query: MY_ORDERS, variables, token }))).toEqual(['BAD_USER_INPUT']);
  });

  it('accepts the bounds 1 and 100', async () => {
    expect((await products({ first: 1 })).data?.products.edges).toHaveLength(1);
    expect((await products({ first: 100 })).data?.products.edges).toHaveLength(SEED_PRODUCTS.length);
  });

  it.each(['garbage', 'eyJub3QiOiJhIGN1cnNvciJ9', ''])('refuses the malformed cursor %j', async (after) => {
    const response = await products({ first: 5, after });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/cursor/);
  });
});
