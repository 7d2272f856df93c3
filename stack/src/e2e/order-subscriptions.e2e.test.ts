import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { collectSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import type { CollectedSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import { SEED_USERS } from '@shopgraph/seed-data/fixture';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql, logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { testToken } from '@shopgraph/gateway/subscriptions/testing/subscription-harness';
import { EVENT_FIELDS, liveClient, untilLive } from '../testing/live-client';
import type { LiveEvent } from '../testing/live-client';
import { createProduct, placeOrder } from '../testing/saga-probe';

const JWT_SECRET = 'e2e-subscriptions-jwt-secret-0123456789';
const MY_ORDER_EVENTS = `subscription Mine($after: ID) { myOrderEvents(after: $after) { ${EVENT_FIELDS} } }`;
const ORDER_UPDATED = `subscription One($orderId: ID!) { orderUpdated(orderId: $orderId) { ${EVENT_FIELDS} } }`;
const ALL_EVENTS = `subscription All { orderEvents { id type order { id } } }`;

const eventsOf = (collected: CollectedSubscription) =>
  collected.results
    .map((result) => (result.data as { [field: string]: LiveEvent } | undefined) ?? {})
    .map((data) => Object.values(data)[0]);
const codesOf = (error: unknown) =>
  Array.isArray(error) ? error.map((e: { extensions?: { code?: unknown } }) => e.extensions?.code) : [];
/**
 * Why a subscription was refused: the gateway refuses its own checks with a graphql-ws `error`
 * message, and relays a subgraph's refusal as a last result with errors, then `complete`.
 */
async function refusalCodes(collected: CollectedSubscription): Promise<unknown[]> {
  const ending = await collected.ended;
  if (ending.kind === 'error') return codesOf(ending.error);
  return collected.results.flatMap((result) => (result.errors ?? []).map((error) => error.extensions?.['code']));
}

describe('live order events through the gateway (graphql-ws)', () => {
  let shop: TestStack;
  let customer: string;
  let admin: string;
  const clients: Client[] = [];
  const client = (token?: string) => {
    const created = liveClient(shop.url, token);
    clients.push(created);
    return created;
  };
  const order = async (paymentToken: string) => {
    const productId = await createProduct(shop.url, admin, { stock: 5 });
    const response = await placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 1 }],
      paymentToken,
      idempotencyKey: crypto.randomUUID(),
    });
    return response.data?.placeOrder.id ?? `placeOrder failed: ${JSON.stringify(response.errors)}`;
  };
  const forOrder = (collected: CollectedSubscription, orderId: string) =>
    eventsOf(collected).filter((event) => event?.order.id === orderId);

  beforeAll(async () => {
    shop = await startTestStack({ JWT_SECRET });
    [customer, admin] = await Promise.all([logInAsCustomer(shop.url), logInAsAdmin(shop.url)]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((created) => created.dispose()));
    await shop.stop();
  });

  it('streams PLACED … CONFIRMED in order, each event carrying data of users, products and payments', async () => {
    const live = collectSubscription(client(customer), { query: MY_ORDER_EVENTS });
    await untilLive(live, () => order('tok_visa'));
    const orderId = await order('tok_visa');
    await waitFor(() => forOrder(live, orderId).length >= 4, { what: 'four events' });
    const events = forOrder(live, orderId);
    expect(events.map((event) => event?.type)).toEqual(['PLACED', 'STOCK_RESERVED', 'PAYMENT_CAPTURED', 'CONFIRMED']);
    for (const event of events) {
      expect(event?.order.customer.name).toBe(SEED_USERS[0]?.name);
      expect(event?.order.items[0]?.product.name).toMatch(/^Saga /);
    }
    expect(events.at(-1)?.order.payment?.status).toBe('CAPTURED');
    expect(live.results.every((result) => result.errors === undefined)).toBe(true);
  });

  it('streams a declined order as … PAYMENT_FAILED, CANCELLED', async () => {
    const live = collectSubscription(client(customer), { query: MY_ORDER_EVENTS });
    await untilLive(live, () => order('tok_visa'));
    const orderId = await order('tok_chargeDeclined');
    await waitFor(() => forOrder(live, orderId).length >= 4, { what: 'four events' });
    expect(forOrder(live, orderId).map((event) => event?.type)).toEqual([
      'PLACED',
      'STOCK_RESERVED',
      'PAYMENT_FAILED',
      'CANCELLED',
    ]);
    expect(forOrder(live, orderId).at(-1)?.order.payment?.status).toBe('FAILED');
  });

  it('refuses an anonymous subscription with UNAUTHENTICATED', async () => {
    expect(await refusalCodes(collectSubscription(client(), { query: MY_ORDER_EVENTS }))).toEqual(['UNAUTHENTICATED']);
  });

  it("refuses another customer's orderUpdated with FORBIDDEN", async () => {
    const orderId = await order('tok_visa');
    const signUp = await graphql<{ signUp: { token: string } }>(shop.url, {
      query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }',
      variables: {
        input: { email: `other-${crypto.randomUUID()}@shop.test`, name: 'Other', password: 'other-password-1' },
      },
    });
    const other = signUp.data?.signUp.token ?? '';
    const refused = collectSubscription(client(other), { query: ORDER_UPDATED, variables: { orderId } });
    expect(await refusalCodes(refused)).toEqual(['FORBIDDEN']);
  });

  it("refuses a customer's orderEvents (every order) with FORBIDDEN, and streams it to an ADMIN", async () => {
    expect(await refusalCodes(collectSubscription(client(customer), { query: ALL_EVENTS }))).toEqual(['FORBIDDEN']);
    const live = collectSubscription(client(admin), { query: ALL_EVENTS });
    await untilLive(live, () => order('tok_visa'));
    const orderId = await order('tok_visa');
    await waitFor(() => forOrder(live, orderId).length >= 4, { what: 'four events' });
    expect(live.results.every((result) => result.errors === undefined)).toBe(true);
  });

  it('ends the subscription with UNAUTHENTICATED when the token expires', async () => {
    const userId = SEED_USERS[0]?.id ?? '';
    const token = await testToken(userId, Math.floor(Date.now() / 1000) + 2, JWT_SECRET);
    const live = collectSubscription(client(token), { query: MY_ORDER_EVENTS });
    const ending = await live.ended;
    const codes =
      ending.kind === 'error'
        ? codesOf(ending.error)
        : live.results.flatMap((r) => (r.errors ?? []).map((e) => e.extensions?.['code']));
    expect(codes).toContain('UNAUTHENTICATED');
  });

  it('resumes after a disconnect with exactly the missed events, then live ones', async () => {
    const first = collectSubscription(client(customer), { query: MY_ORDER_EVENTS });
    await untilLive(first, () => order('tok_visa'));
    const orderId = await order('tok_visa');
    await waitFor(() => forOrder(first, orderId).length >= 1, { what: 'the first event' });
    first.dispose();
    const [placed] = forOrder(first, orderId);
    // the saga goes on while the client is away
    await waitFor(async () => (await orderStatus(orderId)) === 'CONFIRMED', { what: 'the order to be confirmed' });
    const resumed = collectSubscription(client(customer), { query: MY_ORDER_EVENTS, variables: { after: placed?.id } });
    await waitFor(() => forOrder(resumed, orderId).length >= 3, { what: 'the missed events' });
    expect(forOrder(resumed, orderId).map((event) => event?.type)).toEqual([
      'STOCK_RESERVED',
      'PAYMENT_CAPTURED',
      'CONFIRMED',
    ]);
    const next = await order('tok_visa');
    await waitFor(() => forOrder(resumed, next).length >= 4, { what: 'the live events of the next order' });
    const ids = eventsOf(resumed).map((event) => event?.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  async function orderStatus(orderId: string) {
    const response = await graphql<{ order: { status: string } }>(shop.url, {
      query: 'query ($id: ID!) { order(id: $id) { status } }',
      variables: { id: orderId },
      token: customer,
    });
    return response.data?.order.status;
  }
});
