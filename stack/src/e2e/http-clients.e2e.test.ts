import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql, logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { importClientSnippets, runTryItSnippets } from '../testing/readme-snippets';
import { placeOneUnit } from '../testing/saga-probe';

const MY_ORDER_EVENTS = 'subscription MyOrderEvents { myOrderEvents { id type order { id status } } }';
const PRODUCTS = 'query Products($first: Int) { products(first: $first) { totalCount edges { node { id } } } }';

interface OrderEvent {
  readonly id: string;
  readonly type: string;
  readonly order: { readonly id: string; readonly status: string };
}
type Received = OrderEvent[];

const typesFor = (received: Received, orderId: string) =>
  received.filter((event) => event.order.id === orderId).map((event) => event.type);

describe('web and mobile clients over HTTP (Apollo Client, urql)', () => {
  let shop: TestStack;
  let customer: string;
  let admin: string;
  const stops: (() => void)[] = [];
  beforeAll(async () => {
    shop = await startTestStack();
    [customer, admin] = await Promise.all([logInAsCustomer(shop.url), logInAsAdmin(shop.url)]);
  });
  afterAll(async () => {
    stops.forEach((stop) => stop());
    await shop.stop();
  });

  const order = () => placeOneUnit(shop.url, { admin, customer });

  function apolloMultipart(received: Received): void {
    const link = new HttpLink({ uri: shop.url, headers: { authorization: `Bearer ${customer}` } });
    const apollo = new ApolloClient({ link, cache: new InMemoryCache() });
    const subscription = apollo.subscribe<{ myOrderEvents: OrderEvent }>({ query: gql(MY_ORDER_EVENTS) }).subscribe({
      next: ({ data }) => void (data && received.push(data.myOrderEvents)),
    });
    stops.push(() => subscription.unsubscribe());
  }

  function urqlEventStream(received: Received): void {
    const urql = new Client({
      url: shop.url,
      exchanges: [fetchExchange],
      fetchSubscriptions: true,
      fetchOptions: { headers: { authorization: `Bearer ${customer}` } },
    });
    const subscription = urql.subscription<{ myOrderEvents: OrderEvent }>(MY_ORDER_EVENTS, {}).subscribe((result) => {
      if (result.data) received.push(result.data.myOrderEvents);
    });
    stops.push(() => subscription.unsubscribe());
  }

  it('streams one order PLACED … CONFIRMED to Apollo Client (multipart) and to urql (Server-Sent Events)', async () => {
    const apollo: Received = [];
    const urql: Received = [];
    apolloMultipart(apollo);
    urqlEventStream(urql);
    // neither protocol acknowledges a subscription: warm-up orders until both are live upstream
    for (let attempt = 1; apollo.length === 0 || urql.length === 0; attempt++) {
      await order();
      const live = () => apollo.length > 0 && urql.length > 0;
      await waitFor(live, { what: 'both subscriptions live', timeout: 5_000 }).catch((error: unknown) => {
        if (attempt >= 24) throw error;
      });
    }
    const orderId = await order();
    const settled = ['PLACED', 'STOCK_RESERVED', 'PAYMENT_CAPTURED', 'CONFIRMED'];
    await waitFor(() => typesFor(apollo, orderId).length >= 4 && typesFor(urql, orderId).length >= 4, {
      what: 'four events on each transport',
      timeout: 120_000,
    });
    expect(typesFor(apollo, orderId)).toEqual(settled);
    expect(typesFor(urql, orderId)).toEqual(settled);
  });

  it('refuses a streamed subscription without a token 401 UNAUTHENTICATED, saying which header', async () => {
    const response = await fetch(shop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec="1.0"' },
      body: JSON.stringify({ query: MY_ORDER_EVENTS }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      errors: [{ message: expect.stringMatching(/Authorization: Bearer/), extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('answers a subscription sent as a plain request 400 BAD_REQUEST, never 500', async () => {
    const response = await graphql(shop.url, { query: MY_ORDER_EVENTS, token: customer });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
  });

  it('runs urql queries as GET once it sends the preflight header; urql as it comes is refused as CSRF', async () => {
    const client = (headers: Record<string, string>) =>
      new Client({ url: shop.url, exchanges: [fetchExchange], preferGetMethod: true, fetchOptions: { headers } });
    const preflighted = await client({ 'apollo-require-preflight': 'true' }).query(PRODUCTS, { first: 2 }).toPromise();
    expect(preflighted.error).toBeUndefined();
    expect(preflighted.data).toMatchObject({ products: { edges: [{}, {}] } });
    const refused = await client({}).query(PRODUCTS, { first: 2 }).toPromise();
    expect(refused.error?.graphQLErrors[0]?.extensions['code']).toBe('BAD_REQUEST');
  });

  it('runs every snippet of the README\'s "Try it" section as written, each answering without errors', async () => {
    const runs = await runTryItSnippets(shop.url);
    expect(runs.length).toBeGreaterThanOrEqual(6);
    for (const run of runs)
      expect({ ...run, status: run.status }).toEqual({ snippet: run.snippet, status: 200, errors: [] });
  });

  it('runs a query through each client the README\'s "Clients" section sets up', async () => {
    type ClientModule = Record<string, (url: string, token: string) => ApolloClient | Client>;
    await importClientSnippets<ClientModule>(async (modules) => {
      const factories = modules.flatMap((module) => Object.values(module));
      expect(factories).toHaveLength(2);
      for (const factory of factories) {
        const client = factory(shop.url, customer);
        const data =
          client instanceof ApolloClient
            ? (await client.query({ query: gql(PRODUCTS), variables: { first: 2 } })).data
            : (await client.query(PRODUCTS, { first: 2 }).toPromise()).data;
        expect(data).toMatchObject({ products: { edges: [{}, {}] } });
      }
    });
  });
});
