import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { collectSubscription } from './testing/collect-subscription';
import { startSubscriptionHarness, testToken } from './testing/subscription-harness';
import type { SubscriptionHarness } from './testing/subscription-harness';

const USER = '6f1c3a52-0000-4000-8000-000000000001';
const OTHER = '6f1c3a52-0000-4000-8000-000000000002';
const ORDER_UPDATED = `subscription Watch($orderId: ID!) {
  orderUpdated(orderId: $orderId) { type order { id items { quantity product { name } } } }
}`;
const event = (type: string, productIds: readonly string[] = ['p1', 'p2', 'p3']) => ({
  type,
  orderId: 'o1',
  productIds,
  note: '',
});

describe('federated subscriptions through the gateway', () => {
  let harness: SubscriptionHarness;
  beforeEach(async () => {
    harness = await startSubscriptionHarness();
  });
  afterEach(() => harness.stop());

  /** Four clients watching one order, three of them one user: two upstream subscriptions. */
  async function threeOfOneUserAndOneOfAnother() {
    const [mine, theirs] = [await testToken(USER), await testToken(OTHER)];
    const watches = [mine, mine, mine, theirs].map((token) =>
      collectSubscription(harness.client({ token }), { query: ORDER_UPDATED, variables: { orderId: 'o1' } }),
    );
    await waitFor(() => harness.events.subscriptions.length === 2, { what: 'two upstream subscriptions' });
    return watches;
  }

  it('completes each event with fields of another subgraph, in one batched fetch per event', async () => {
    const client = harness.client({ token: await testToken(USER) });
    const watch = collectSubscription(client, { query: ORDER_UPDATED, variables: { orderId: 'o1' } });
    await waitFor(() => harness.events.subscriptions.length === 1, { what: 'the upstream subscription' });
    harness.events.publish(event('PLACED'));
    await watch.received(1);
    expect(watch.results[0]).toEqual({
      data: {
        orderUpdated: {
          type: 'PLACED',
          order: {
            id: 'o1',
            items: ['p1', 'p2', 'p3'].map((id) => ({ quantity: 1, product: { name: `Product ${id}` } })),
          },
        },
      },
    });
    expect(harness.products.fetches).toHaveLength(1);
    expect(harness.products.fetches[0]).toMatchObject({ representations: 3, identity: { kind: 'user', userId: USER } });
  });

  it('carries the caller identity to the owning subgraph in a signed subscribe message', async () => {
    const client = harness.client({ token: await testToken(USER) });
    collectSubscription(client, { query: ORDER_UPDATED, variables: { orderId: 'o1' } });
    await waitFor(() => harness.events.subscriptions.length === 1, { what: 'the upstream subscription' });
    expect(harness.events.subscriptions[0]?.identity).toEqual({ kind: 'user', userId: USER, role: 'CUSTOMER' });
  });

  it('shares one upstream connection, and one upstream subscription per identity and operation', async () => {
    const watches = await threeOfOneUserAndOneOfAnother();
    harness.events.publish(event('PLACED'));
    await Promise.all(watches.map((watch) => watch.received(1)));
    expect(harness.events.connections).toBe(1);
    expect(harness.events.subscriptions.map(({ identity }) => identity)).toEqual([
      expect.objectContaining({ userId: USER }),
      expect.objectContaining({ userId: OTHER }),
    ]);
  });

  it('keeps a shared upstream subscription for the clients that stay when one leaves', async () => {
    const token = await testToken(USER);
    const [leaving, staying] = [0, 1].map(() =>
      collectSubscription(harness.client({ token }), { query: ORDER_UPDATED, variables: { orderId: 'o1' } }),
    );
    await waitFor(() => harness.events.subscriptions.length === 1, { what: 'the shared upstream subscription' });
    harness.events.publish(event('PLACED'));
    await Promise.all([leaving, staying].map((watch) => watch?.received(1)));
    leaving?.dispose();
    harness.events.publish(event('STOCK_RESERVED'));
    await staying?.received(2);
    expect(staying?.results.map((result) => (result.data?.['orderUpdated'] as { type: string }).type)).toEqual([
      'PLACED',
      'STOCK_RESERVED',
    ]);
  });

  it('completes an event once for subscribers with the same identity and operation, once more for another user', async () => {
    const watches = await threeOfOneUserAndOneOfAnother();
    harness.events.publish(event('PLACED'));
    await Promise.all(watches.map((watch) => watch.received(1)));
    expect(watches.map((watch) => watch.results[0])).toEqual(Array.from({ length: 4 }, () => watches[0]?.results[0]));
    expect(harness.products.fetches.map((fetch) => fetch.identity)).toEqual([
      expect.objectContaining({ userId: USER }),
      expect.objectContaining({ userId: OTHER }),
    ]);
  });

  it('resumes after an upstream restart with after, delivering every event once and in order', async () => {
    const client = harness.client({ token: await testToken(USER) });
    const watch = collectSubscription(client, { query: ORDER_UPDATED, variables: { orderId: 'o1' } });
    await waitFor(() => harness.events.subscriptions.length === 1, { what: 'the upstream subscription' });
    const first = harness.events.publish(event('PLACED'));
    await watch.received(1);
    await harness.events.restart();
    // published while the gateway is cut off: only `after` can bring them back
    harness.events.publish(event('STOCK_RESERVED'));
    harness.events.publish(event('PAYMENT_CAPTURED'));
    await waitFor(() => harness.events.subscriptions.length === 2, { what: 'the resubscription' });
    harness.events.publish(event('CONFIRMED'));
    await watch.received(4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const types = watch.results.map((result) => (result.data?.['orderUpdated'] as { type: string }).type);
    expect(types).toEqual(['PLACED', 'STOCK_RESERVED', 'PAYMENT_CAPTURED', 'CONFIRMED']);
    expect(harness.events.subscriptions[1]?.variables).toMatchObject({ shopgraphResumeAfter: first });
    expect(watch.results.every((result) => result.errors === undefined)).toBe(true);
  });

  it('delivers a burst of events in upstream order, each completed with its own fields', async () => {
    const client = harness.client({ token: await testToken(USER) });
    const watch = collectSubscription(client, { query: ORDER_UPDATED, variables: { orderId: 'o1' } });
    await waitFor(() => harness.events.subscriptions.length === 1, { what: 'the upstream subscription' });
    const types = ['PLACED', 'STOCK_RESERVED', 'PAYMENT_CAPTURED', 'CONFIRMED', 'SHIPPED'];
    types.forEach((type, index) => harness.events.publish(event(type, [`p${index + 1}`])));
    await watch.received(types.length);
    expect(watch.results.map((result) => result.data?.['orderUpdated'])).toEqual(
      types.map((type, index) => ({
        type,
        order: { id: 'o1', items: [{ quantity: 1, product: { name: `Product p${index + 1}` } }] },
      })),
    );
  });

  it('holds nothing for its clients once every one of them has left', async () => {
    const watches = await threeOfOneUserAndOneOfAnother();
    harness.events.publish(event('PLACED'));
    harness.events.publish(event('STOCK_RESERVED'));
    await Promise.all(watches.map((watch) => watch.received(2)));
    watches.forEach((watch) => watch.dispose());
    const empty = { upstreams: 0, scopes: 0, completions: 0, waiting: 0, closeListeners: 0 };
    await waitFor(() => JSON.stringify(harness.held()) === JSON.stringify(empty), {
      what: 'every registry of the subscriptions to empty',
      timeout: 30_000,
    });
    expect(harness.held()).toEqual(empty);
  });
});
