import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { collectSubscription } from './testing/collect-subscription';
import { startSubscriptionHarness, testAdminToken, testToken } from './testing/subscription-harness';
import type { SubscriptionHarness } from './testing/subscription-harness';

const ADMINS = ['ad000000-0000-4000-8000-000000000001', 'ad000000-0000-4000-8000-000000000002'];
const CUSTOMERS = ['c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002'];
const EVERY_ORDER = (fields: string) =>
  `subscription { orderEvents { type order { items { product { ${fields} } } } } }`;
const ONE_ORDER = `subscription { orderUpdated(orderId: "o1") { type order { items { product { name viewer } } } } }`;
const event = { type: 'PLACED', orderId: 'o1', productIds: ['p1'], note: '' };
const productOf = (result: unknown) => JSON.stringify(result).match(/"product":(\{[^}]*\})/)?.[1];

describe('subscriptions shared across identities only where the subgraphs declared it (decision 0048)', () => {
  let harness: SubscriptionHarness;
  beforeEach(async () => {
    harness = await startSubscriptionHarness();
  });
  afterEach(() => harness.stop());

  /** Subscribes every token, then waits until the gateway holds them and `upstream` subscriptions run. */
  async function subscribe(tokens: readonly string[], query: string, upstream: number) {
    const watches = tokens.map((token) => collectSubscription(harness.client({ token }), { query }));
    await waitFor(
      () => harness.stats().subscriptions === tokens.length && harness.events.subscriptions.length === upstream,
      { what: 'the subscriptions, client and upstream' },
    );
    return watches;
  }

  it('serves ADMINs of distinct identities one upstream subscription and one completion per event', async () => {
    const watches = await subscribe(await Promise.all(ADMINS.map(testAdminToken)), EVERY_ORDER('name'), 1);
    harness.events.publish(event);
    await Promise.all(watches.map((watch) => watch.received(1)));
    expect(harness.events.subscriptions).toHaveLength(1);
    expect(harness.products.fetches).toHaveLength(1);
    expect(watches.map((watch) => productOf(watch.results[0]))).toEqual([
      '{"name":"Product p1"}',
      '{"name":"Product p1"}',
    ]);
  });

  it('keeps each ADMIN’s completion their own when a field answers each caller differently', async () => {
    const watches = await subscribe(await Promise.all(ADMINS.map(testAdminToken)), EVERY_ORDER('name viewer'), 1);
    harness.events.publish(event);
    await Promise.all(watches.map((watch) => watch.received(1)));
    expect(harness.events.subscriptions).toHaveLength(1);
    expect(harness.products.fetches.map(({ identity }) => identity)).toEqual(
      expect.arrayContaining(ADMINS.map((userId) => expect.objectContaining({ userId }))),
    );
    expect(watches.map((watch) => productOf(watch.results[0]))).toEqual(
      ADMINS.map((userId) => `{"name":"Product p1","viewer":"${userId}"}`),
    );
  });

  it('never gives a customer an ADMIN-only field: the customer subscribes as itself and is refused', async () => {
    const [admin, customer] = [await testAdminToken(ADMINS[0] ?? ''), await testToken(CUSTOMERS[0] ?? '')].map(
      (token) => collectSubscription(harness.client({ token }), { query: EVERY_ORDER('name') }),
    );
    await customer?.ended;
    await waitFor(() => harness.stats().subscriptions === 1 && harness.events.subscriptions.length === 2, {
      what: "the ADMIN's subscription and both upstream ones",
    });
    harness.events.publish(event);
    await admin?.received(1);
    expect(harness.events.subscriptions.map(({ identity }) => identity)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: ADMINS[0], role: 'ADMIN' }),
        expect.objectContaining({ userId: CUSTOMERS[0], role: 'CUSTOMER' }),
      ]),
    );
    expect(JSON.stringify(customer?.results)).toContain('FORBIDDEN');
    expect(JSON.stringify(customer?.results)).not.toContain('Product p1');
  });

  it('never gives a customer another customer’s answer, even beside a field declared for everyone', async () => {
    const watches = await subscribe(await Promise.all(CUSTOMERS.map((id) => testToken(id))), ONE_ORDER, 2);
    harness.events.publish(event);
    await Promise.all(watches.map((watch) => watch.received(1)));
    expect(harness.events.subscriptions).toHaveLength(2);
    expect(watches.map((watch) => productOf(watch.results[0]))).toEqual(
      CUSTOMERS.map((userId) => `{"name":"Product p1","viewer":"${userId}"}`),
    );
  });
});
