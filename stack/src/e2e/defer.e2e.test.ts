import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql, logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { placeOneUnit } from '../testing/saga-probe';

const ORDER_WITH_DEFERRED_PAYMENT = `query OrderPage($id: ID!) {
  order(id: $id) {
    id
    status
    ... @defer(label: "payment") { payment { status } }
  }
}`;
const manifestPath = fileURLToPath(new URL('../../../gateway/persisted-operations.json', import.meta.url));
const MULTIPART_DEFER = 'multipart/mixed;deferSpec=20220824, application/json';

interface OrderPage {
  readonly order: { readonly id: string; readonly status: string; readonly payment?: { readonly status: string } };
}

describe('@defer through the gateway (incremental delivery, multipart)', () => {
  let shop: TestStack;
  let customer: string;
  let orderId: string;
  beforeAll(async () => {
    shop = await startTestStack();
    const admin = await logInAsAdmin(shop.url);
    customer = await logInAsCustomer(shop.url);
    orderId = await placeOneUnit(shop.url, { admin, customer });
    const paid = async () => {
      const read = await graphql<OrderPage>(shop.url, {
        query: ORDER_WITH_DEFERRED_PAYMENT,
        variables: { id: orderId },
        token: customer,
      });
      return read.data?.order.status === 'CONFIRMED' && read.data.order.payment?.status === 'CAPTURED';
    };
    await waitFor(paid, { what: 'the order confirmed', timeout: 120_000 });
  });
  afterAll(() => shop.stop());

  /** The JSON parts of a multipart answer (boundary "-": each part opens with \r\n---, the end is \r\n-----). */
  async function multipartParts(body: Record<string, unknown>): Promise<unknown[]> {
    const response = await fetch(shop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: MULTIPART_DEFER, authorization: `Bearer ${customer}` },
      body: JSON.stringify(body),
    });
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed;.*deferSpec=20220824/);
    return (await response.text())
      .split('\r\n---')
      .filter((part) => part.includes('\r\n\r\n'))
      .map((part) => JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4)) as unknown);
  }

  it('sends Apollo Client the order first, then its deferred payment in a later part', async () => {
    const link = new HttpLink({ uri: shop.url, headers: { authorization: `Bearer ${customer}` } });
    const apollo = new ApolloClient({
      link,
      cache: new InMemoryCache(),
      incrementalHandler: new Defer20220824Handler(),
    });
    const seen: { dataState: string; order: unknown }[] = [];
    const query = apollo.watchQuery<OrderPage>({ query: gql(ORDER_WITH_DEFERRED_PAYMENT), variables: { id: orderId } });
    const subscription = query.subscribe(({ data, dataState }) => {
      if (data?.order) seen.push({ dataState, order: structuredClone(data.order) });
    });
    await waitFor(() => seen.at(-1)?.dataState === 'complete', { what: 'the complete answer', timeout: 30_000 });
    subscription.unsubscribe();
    const [first, last] = [seen[0], seen.at(-1)];
    expect(first).toEqual({ dataState: 'streaming', order: { __typename: 'Order', id: orderId, status: 'CONFIRMED' } });
    expect(last?.order).toMatchObject({ id: orderId, payment: { status: 'CAPTURED' } });
  });

  it('writes the primary part, then one part per deferred fragment with its path and label', async () => {
    const parts = await multipartParts({ query: ORDER_WITH_DEFERRED_PAYMENT, variables: { id: orderId } });
    expect(parts).toEqual([
      { data: { order: { id: orderId, status: 'CONFIRMED' } }, hasNext: true },
      {
        incremental: [{ data: { payment: { status: 'CAPTURED' } }, path: ['order'], label: 'payment' }],
        hasNext: false,
      },
    ]);
  });

  it("streams the storefront's persisted Order operation, sent by its hash alone, payment last", async () => {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { operations: { name: string; id: string }[] };
    const sha256Hash = manifest.operations.find((operation) => operation.name === 'Order')?.id;
    const parts = await multipartParts({
      variables: { id: orderId },
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    });
    expect(parts).toMatchObject([
      { data: { order: { id: orderId, status: 'CONFIRMED' } }, hasNext: true },
      {
        incremental: [{ data: { payment: { status: 'CAPTURED' } }, path: ['order'], label: 'payment' }],
        hasNext: false,
      },
    ]);
    expect(parts[0]).not.toHaveProperty('data.order.payment');
  });

  it('answers a fragment it cannot split (an object without an id) in one whole answer', async () => {
    const response = await fetch(shop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: MULTIPART_DEFER },
      body: JSON.stringify({ query: '{ products(first: 1) { pageInfo { ... @defer { hasNextPage } } } }' }),
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ data: { products: { pageInfo: { hasNextPage: expect.any(Boolean) } } } });
  });

  it('answers a plain JSON client the whole order at once: @defer is a hint', async () => {
    const read = await graphql<OrderPage>(shop.url, {
      query: ORDER_WITH_DEFERRED_PAYMENT,
      variables: { id: orderId },
      token: customer,
    });
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ order: { id: orderId, status: 'CONFIRMED', payment: { status: 'CAPTURED' } } });
  });

  it('refuses @defer on a field GRAPHQL_VALIDATION_FAILED, whatever the client accepts', async () => {
    const query = 'query ($id: ID!) { order(id: $id) { id payment @defer { status } } }';
    for (const accept of [MULTIPART_DEFER, 'application/json']) {
      const response = await fetch(shop.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${customer}` },
        body: JSON.stringify({ query, variables: { id: orderId } }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      expect({ accept, data: body.data, code: body.errors?.[0]?.extensions?.code }).toEqual({
        accept,
        data: undefined,
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
    }
  });
});
