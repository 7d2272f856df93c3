import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ORDERS, SEED_PRODUCTS, SEED_USERS } from '@shopgraph/seed-data/fixture';
import { graphql, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { fetchesPerSubgraph } from './query-plan-fetches';

const MY_ORDERS = `{
  me { orders(first: 20) { totalCount edges { node {
    id status total { amount currency }
    customer { name }
    items { quantity unitPrice { amount } lineTotal { amount } product { name } }
    payment { status amount { amount } }
  } } } }
}`;

interface MyOrders {
  me: {
    orders: {
      totalCount: number;
      edges: {
        node: {
          id: string;
          status: string;
          total: { amount: number; currency: string };
          customer: { name: string };
          items: {
            quantity: number;
            unitPrice: { amount: number };
            lineTotal: { amount: number };
            product: { name: string };
          }[];
          payment: { status: string; amount: { amount: number } };
        };
      }[];
    };
  };
}

const productName = (id: string) => SEED_PRODUCTS.find((p) => p.id === id)?.name;

describe('the seeded customer reads their orders across all four subgraphs', () => {
  let shop: TestStack;
  let token: string;
  beforeAll(async () => {
    shop = await startTestStack();
    token = await logInAsCustomer(shop.url);
  });
  afterAll(() => shop.stop());

  it('sees every past order, newest first, with product names and payment status', async () => {
    const response = await graphql<MyOrders>(shop.url, { query: MY_ORDERS, token });
    expect(response.errors).toBeUndefined();
    const orders = response.data?.me.orders;
    expect(orders?.totalCount).toBe(SEED_ORDERS.length);
    const newestFirst = [...SEED_ORDERS].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    expect(orders?.edges.map((edge) => edge.node.id)).toEqual(newestFirst.map((order) => order.id));
    for (const [index, { node }] of (orders?.edges ?? []).entries()) {
      const seeded = newestFirst[index];
      expect(node.customer.name).toBe(SEED_USERS[0].name);
      expect(node.status).toBe('CONFIRMED');
      expect(node.total).toEqual({ amount: seeded?.total, currency: 'EUR' });
      expect(node.items.map((item) => item.product.name)).toEqual(
        seeded?.lines.map((line) => productName(line.productId)),
      );
      expect(node.items.map((item) => item.lineTotal.amount)).toEqual(
        seeded?.lines.map((l) => l.unitPrice * l.quantity),
      );
      expect(node.payment).toEqual({ status: 'CAPTURED', amount: { amount: seeded?.total } });
    }
  });

  it('costs at most one SQL statement per subgraph fetch of the query plan (no N+1)', async () => {
    const fetches = await fetchesPerSubgraph(MY_ORDERS);
    const { subgraphs } = shop.stack;
    const before = Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.statements.count]));
    const response = await graphql<MyOrders>(shop.url, { query: MY_ORDERS, token });
    expect(response.data?.me.orders.edges).toHaveLength(SEED_ORDERS.length);
    const statements = Object.fromEntries(
      Object.values(subgraphs).map((s) => [s.name, s.statements.count - (before[s.name] ?? 0)]),
    );
    console.info(
      'N+1 check — statements per subgraph:',
      statements,
      'fetches per subgraph:',
      Object.fromEntries(fetches),
    );
    for (const name of ['users', 'orders', 'products', 'payments']) {
      expect(fetches.get(name), `the plan fetches from ${name}`).toBeGreaterThan(0);
      expect(statements[name], `statements in ${name}`).toBeLessThanOrEqual(fetches.get(name) ?? 0);
    }
  });
});
