import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import type { Identity } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import type { Order } from '../../domain/order';
import { startSubscriptionHarness } from '../../testing/subscription-harness';
import type { SubscriptionHarness } from '../../testing/subscription-harness';
import { EVENT_SELECTION, follow, gatewayClient } from '../../testing/signed-subscriber';
import type { Followed } from '../../testing/signed-subscriber';

const SECRET = 'orders-subscriptions-test-secret-0123456789';
const customerOf = (userId: string): Identity => ({ kind: 'user', userId, role: 'CUSTOMER' });
const ADMIN: Identity = { kind: 'user', userId: newId(), role: 'ADMIN' };
const ORDER_UPDATED = `subscription ($orderId: ID!, $after: ID) { orderUpdated(orderId: $orderId, after: $after) { ${EVENT_SELECTION} } }`;
const MINE = `subscription ($after: ID) { myOrderEvents(after: $after) { ${EVENT_SELECTION} } }`;
const ALL = `subscription ($after: ID) { orderEvents(after: $after) { ${EVENT_SELECTION} } }`;

describe('order subscriptions over graphql-ws, fed from the outbox through the bus', () => {
  let shop: SubscriptionHarness;
  const clients: Client[] = [];
  const client = (secret: string | null = SECRET) => {
    const created = gatewayClient(shop.url, secret);
    clients.push(created);
    return created;
  };
  const subscribe = (query: string, identity: Identity, variables: Record<string, unknown> = {}) =>
    follow(client(), { query, identity, variables, secret: SECRET });
  const liveSubscribers = (count: number) => waitFor(() => shop.hub.size >= count, { what: `${count} subscribers` });
  const place = (customerId: string) => shop.place(customerId);
  const confirm = (order: Order) => shop.confirm(order, 500);
  const logOf = async (orderId: string) =>
    (
      await shop.pool.query<{ id: string; type: string }>(
        'select id, type::text from order_events where order_id = $1 order by sequence',
        [orderId],
      )
    ).rows;
  const typesOf = (followed: Followed, orderId?: string) =>
    followed.events.filter((event) => orderId === undefined || event.order.id === orderId).map(({ type }) => type);

  beforeAll(async () => {
    shop = await startSubscriptionHarness({ secret: SECRET });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((created) => created.dispose()));
  });
  afterAll(() => shop.stop());

  it('streams a placed and confirmed order live, in commit order, to myOrderEvents, orderEvents and orderUpdated', async () => {
    const customerId = newId();
    const earlier = await place(customerId);
    const mine = subscribe(MINE, customerOf(customerId));
    const all = subscribe(ALL, ADMIN);
    // `earlier` was placed before: its PLACED may still be on its way through the relay, so the
    // per-order stream resumes after it (a live stream from "now" could receive it late)
    const placed = (await logOf(earlier.id))[0]?.id;
    const one = subscribe(ORDER_UPDATED, customerOf(customerId), { orderId: earlier.id, after: placed });
    await liveSubscribers(3);
    const order = await place(customerId);
    await confirm(order);
    await confirm(earlier);
    const lifecycle = ['PLACED', 'STOCK_RESERVED', 'PAYMENT_CAPTURED', 'CONFIRMED'];
    await Promise.all([mine.received(7), all.received(7), one.received(3)]);
    expect(typesOf(mine, order.id)).toEqual(lifecycle);
    expect(typesOf(all, order.id)).toEqual(lifecycle);
    expect(typesOf(one)).toEqual(lifecycle.slice(1));
    expect(one.events.every((event) => event.order.id === earlier.id)).toBe(true);
    // each event is its log row: the same ID (what `after` takes back), and the order as it is now
    expect(mine.events.filter((event) => event.order.id === order.id).map(({ id }) => id)).toEqual(
      (await logOf(order.id)).map(({ id }) => id),
    );
    expect(mine.events.at(-1)?.order.status).toBe('CONFIRMED');
    expect(Date.parse(mine.events[0]?.occurredAt ?? '')).not.toBeNaN();
  });

  it("gives myOrderEvents only the caller's orders", async () => {
    const [me, someoneElse] = [newId(), newId()];
    const mine = subscribe(MINE, customerOf(me));
    await liveSubscribers(1);
    await place(someoneElse);
    const order = await place(me);
    await mine.received(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mine.events.map((event) => event.order.id)).toEqual([order.id]);
  });

  interface Refusal {
    readonly name: string;
    readonly query: string;
    readonly identity: Identity;
    readonly variables: () => Promise<Record<string, unknown>>;
    readonly code: string;
  }
  const stranger = customerOf(newId());
  it.each<Refusal>([
    {
      name: 'anonymous callers',
      query: MINE,
      identity: { kind: 'anonymous' },
      variables: async () => ({}),
      code: 'UNAUTHENTICATED',
    },
    {
      name: "another customer's orderUpdated",
      query: ORDER_UPDATED,
      identity: stranger,
      variables: async () => ({ orderId: (await place(newId())).id }),
      code: 'FORBIDDEN',
    },
    {
      name: 'an unknown order',
      query: ORDER_UPDATED,
      identity: stranger,
      variables: async () => ({ orderId: newId() }),
      code: 'NOT_FOUND',
    },
    {
      name: "a customer's orderEvents",
      query: ALL,
      identity: stranger,
      variables: async () => ({}),
      code: 'FORBIDDEN',
    },
    {
      name: 'a malformed orderId',
      query: ORDER_UPDATED,
      identity: ADMIN,
      variables: async () => ({ orderId: 'order-1' }),
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'a malformed after',
      query: MINE,
      identity: stranger,
      variables: async () => ({ after: 'last-one' }),
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'an unknown after',
      query: ALL,
      identity: ADMIN,
      variables: async () => ({ after: newId() }),
      code: 'BAD_USER_INPUT',
    },
  ])('refuses $name with a GraphQL error', async ({ query, identity, variables, code }) => {
    const refused = subscribe(query, identity, await variables());
    expect(await refused.ended).toMatchObject({ kind: 'errors', codes: [code] });
    expect(shop.hub.size).toBe(0);
  });

  it('lets an ADMIN follow any order, and says why an unknown after is refused', async () => {
    const order = await place(newId());
    const admin = subscribe(ORDER_UPDATED, ADMIN, { orderId: order.id, after: (await logOf(order.id))[0]?.id });
    const stale = subscribe(MINE, customerOf(newId()), { after: newId() });
    await liveSubscribers(1);
    await confirm(order);
    await admin.received(3);
    expect(typesOf(admin)).toEqual(['STOCK_RESERVED', 'PAYMENT_CAPTURED', 'CONFIRMED']);
    expect(await stale.ended).toMatchObject({ messages: [expect.stringMatching(/unknown, or older than/)] });
  });

  it('closes a connection the gateway did not sign with 4403', async () => {
    const unsigned = follow(client(null), { query: MINE, identity: ADMIN, secret: SECRET });
    expect(await unsigned.ended).toEqual({ kind: 'closed', code: 4403 });
  });

  it('refuses a subscribe message not signed with the shared secret as FORBIDDEN, on a signed connection', async () => {
    const forged = follow(client(), { query: ALL, identity: ADMIN, secret: 'not-the-gateway-secret-0123456789abcdef' });
    expect(await forged.ended).toMatchObject({ kind: 'errors', codes: ['FORBIDDEN'] });
    expect(shop.hub.size).toBe(0);
  });
});
