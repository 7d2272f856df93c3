import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ORDERS, SEED_PRODUCTS, SEED_USERS } from '@shopgraph/seed-data/fixture';
import { codes, graphql, logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

const demo = SEED_USERS[0];
const demoOrder = SEED_ORDERS[0]?.id;
const product = SEED_PRODUCTS[0]?.id;

const USER = 'query ($id: ID!) { user(id: $id) { id email } }';
const USER_ORDERS = 'query ($id: ID!) { user(id: $id) { id orders { totalCount } } }';
const ORDER = 'query ($id: ID!) { order(id: $id) { id customer { email } payment { status } } }';
const CREATE = `mutation ($sku: String!) { createProduct(input: { sku: $sku, name: "Lamp", description: "", price: 1000, currency: "EUR", stock: 3 }) { id sku } }`;
const RESTOCK = 'mutation ($id: ID!) { restockProduct(id: $id, quantity: 5) { id stock } }';

describe('authorization through the gateway', () => {
  let shop: TestStack;
  let customer: string;
  let stranger: string;
  let admin: string;

  beforeAll(async () => {
    shop = await startTestStack();
    customer = await logInAsCustomer(shop.url);
    admin = await logInAsAdmin(shop.url);
    const signUp = await graphql<{ signUp: { token: string } }>(shop.url, {
      query:
        'mutation { signUp(input: { email: "stranger@shop.test", name: "Stranger", password: "stranger-password" }) { token } }',
    });
    stranger = signUp.data?.signUp.token ?? '';
  });
  afterAll(() => shop.stop());

  const ask = (query: string, variables: Record<string, unknown>, token?: string) =>
    graphql<Record<string, unknown>>(shop.url, token ? { query, variables, token } : { query, variables });

  it('gives an anonymous caller me = null and refuses them everything personal', async () => {
    expect((await ask('{ me { id } }', {})).data).toEqual({ me: null });
    expect(codes(await ask(USER, { id: demo.id }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await ask(ORDER, { id: demoOrder }))).toEqual(['UNAUTHENTICATED']);
  });

  it('lets a customer read themself and their own order', async () => {
    expect((await ask(USER, { id: demo.id }, customer)).data).toEqual({ user: { id: demo.id, email: demo.email } });
    const order = await ask(ORDER, { id: demoOrder }, customer);
    expect(order.errors).toBeUndefined();
    expect(order.data).toMatchObject({
      order: { id: demoOrder, customer: { email: demo.email }, payment: { status: 'CAPTURED' } },
    });
  });

  it('refuses another customer the user, their orders and their order, leaking nothing', async () => {
    const user = await ask(USER, { id: demo.id }, stranger);
    expect(codes(user)).toEqual(['FORBIDDEN']);
    expect(user.data).toEqual({ user: null });
    expect(codes(await ask(USER_ORDERS, { id: demo.id }, stranger))).toContain('FORBIDDEN');
    const order = await ask(ORDER, { id: demoOrder }, stranger);
    expect(codes(order)).toContain('FORBIDDEN');
    expect(JSON.stringify(order)).not.toContain(demo.email);
  });

  it('lets an ADMIN read any customer, their orders and any order', async () => {
    expect((await ask(USER, { id: demo.id }, admin)).data).toEqual({ user: { id: demo.id, email: demo.email } });
    expect((await ask(USER_ORDERS, { id: demo.id }, admin)).data).toEqual({
      user: { id: demo.id, orders: { totalCount: SEED_ORDERS.length } },
    });
    const order = await ask(ORDER, { id: demoOrder }, admin);
    expect(order.errors).toBeUndefined();
    expect(order.data).toMatchObject({ order: { customer: { email: demo.email }, payment: { status: 'CAPTURED' } } });
  });

  it('lets only an ADMIN create and restock products', async () => {
    expect(codes(await ask(CREATE, { sku: 'ANON-1' }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await ask(CREATE, { sku: 'CUST-1' }, customer))).toEqual(['FORBIDDEN']);
    expect((await ask(CREATE, { sku: 'ADMIN-1' }, admin)).data).toMatchObject({ createProduct: { sku: 'ADMIN-1' } });
    expect(codes(await ask(RESTOCK, { id: product }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await ask(RESTOCK, { id: product }, customer))).toEqual(['FORBIDDEN']);
    const restocked = await ask(RESTOCK, { id: product }, admin);
    expect(restocked.data).toEqual({ restockProduct: { id: product, stock: (SEED_PRODUCTS[0]?.stock ?? 0) + 5 } });
  });

  it('refused writes change nothing', async () => {
    const search = await ask('{ products(search: "CUST-1") { totalCount } }', {});
    expect(search.data).toEqual({ products: { totalCount: 0 } });
  });
});
