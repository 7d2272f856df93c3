import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import type { Identity } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import type { OrderEventLog } from '../../application/ports';
import type { Order } from '../../domain/order';
import { startSubscriptionHarness } from '../../testing/subscription-harness';
import type { SubscriptionHarness } from '../../testing/subscription-harness';
import { EVENT_SELECTION, follow, gatewayClient } from '../../testing/signed-subscriber';

const SECRET = 'orders-resume-test-secret-0123456789abcdef';
const MINE = `subscription ($after: ID) { myOrderEvents(after: $after) { ${EVENT_SELECTION} } }`;
const ONE = `subscription ($orderId: ID!, $after: ID, $fromStart: Boolean!) {
  orderUpdated(orderId: $orderId, after: $after, fromStart: $fromStart) { ${EVENT_SELECTION} }
}`;
const customerOf = (userId: string): Identity => ({ kind: 'user', userId, role: 'CUSTOMER' });

/** What the next replay statement runs before its query and before it returns its rows. */
interface ReplayHooks {
  before?: (() => Promise<void>) | undefined;
  after?: (() => Promise<void>) | undefined;
}

const held =
  (hooks: ReplayHooks) =>
  (log: OrderEventLog): OrderEventLog => ({
    find: (id) => log.find(id),
    deleteBefore: (cutoff, limit) => log.deleteBefore(cutoff, limit),
    readAfter: async (query) => {
      const { before, after } = hooks;
      hooks.before = hooks.after = undefined;
      await before?.();
      const rows = await log.readAfter(query);
      await after?.();
      return rows;
    },
  });

describe('resuming an order subscription with after', () => {
  const hooks: ReplayHooks = {};
  let shop: SubscriptionHarness;
  const clients: Client[] = [];
  const followAs = (identity: Identity, query: string, variables: Record<string, unknown>) => {
    const client = gatewayClient(shop.url, SECRET);
    clients.push(client);
    return follow(client, { query, identity, variables, secret: SECRET });
  };
  const subscribe = (identity: Identity, after: string | undefined) => followAs(identity, MINE, { after });
  const subscribeToOrder = (
    identity: Identity,
    variables: { orderId: string; after?: string | undefined; fromStart: boolean },
  ) => followAs(identity, ONE, variables);
  const place = (customerId: string) => shop.place(customerId);
  const confirm = (order: Order) => shop.confirm(order, 700);
  // the relay has handed every committed event to the bus, so the hub has heard of it
  const published = () =>
    waitFor(
      async () => (await shop.pool.query('select 1 from outbox where published_at is null limit 1')).rowCount === 0,
      { what: 'the outbox to be published' },
    );
  const logIdsOf = async (customerId: string) =>
    (
      await shop.pool.query<{ id: string }>('select id from order_events where customer_id = $1 order by sequence', [
        customerId,
      ])
    ).rows.map(({ id }) => id);

  beforeAll(async () => {
    shop = await startSubscriptionHarness({ secret: SECRET, wrapLog: held(hooks) });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(() => shop.stop());

  it('replays exactly the events after the given one, then goes on live', async () => {
    const customerId = newId();
    const order = await place(customerId);
    await confirm(order);
    const [first, ...missed] = await logIdsOf(customerId);
    const resumed = subscribe(customerOf(customerId), first);
    await resumed.received(3);
    await waitFor(() => shop.hub.size === 1, { what: 'the subscription to go live' });
    await place(customerId);
    await resumed.received(4);
    const all = await logIdsOf(customerId);
    expect(resumed.events.map(({ id }) => id)).toEqual(all.slice(1));
    expect(resumed.events.slice(0, 3).map(({ id }) => id)).toEqual(missed);
  });

  it("with fromStart, replays one order's events from its first, then goes on live", async () => {
    const customerId = newId();
    const order = await place(customerId);
    await place(customerId); // the customer's other order is not this subscription's
    const followed = subscribeToOrder(customerOf(customerId), { orderId: order.id, fromStart: true });
    await followed.received(1);
    await waitFor(() => shop.hub.size === 1, { what: 'the subscription to go live' });
    await confirm(order);
    await followed.received(4);
    const ids = (
      await shop.pool.query<{ id: string }>('select id from order_events where order_id = $1 order by sequence', [
        order.id,
      ])
    ).rows.map(({ id }) => id);
    expect(followed.events.map(({ id }) => id)).toEqual(ids);
    expect(followed.events.map(({ type }) => type)).toEqual([
      'PLACED',
      'STOCK_RESERVED',
      'PAYMENT_CAPTURED',
      'CONFIRMED',
    ]);
  });

  it('resumes after the given event even with fromStart, which only applies without after', async () => {
    const customerId = newId();
    const order = await place(customerId);
    await confirm(order);
    const [first, ...missed] = await logIdsOf(customerId);
    const followed = subscribeToOrder(customerOf(customerId), { orderId: order.id, after: first, fromStart: true });
    await followed.received(3);
    expect(followed.events.map(({ id }) => id)).toEqual(missed);
  });

  it('loses and repeats nothing at the seam when events commit while the replay runs', async () => {
    const customerId = newId();
    const first = await place(customerId);
    const [after] = await logIdsOf(customerId);
    // committed before the replay's query but heard live after the stream opened: in both
    hooks.before = async () => {
      await place(customerId);
      await published();
    };
    // committed after the replay's query: only the buffered live stream has them
    hooks.after = async () => {
      await confirm(first);
      await published();
    };
    const resumed = subscribe(customerOf(customerId), after);
    await resumed.received(4);
    await place(customerId); // and one that is live only
    await resumed.received(5);
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for a duplicate to show up
    const ids = resumed.events.map(({ id }) => id);
    expect(ids).toEqual((await logIdsOf(customerId)).slice(1));
    expect(new Set(ids).size).toBe(ids.length);
    expect(resumed.events.map(({ type }) => type)).toEqual([
      'PLACED',
      'STOCK_RESERVED',
      'PAYMENT_CAPTURED',
      'CONFIRMED',
      'PLACED',
    ]);
  });
});
