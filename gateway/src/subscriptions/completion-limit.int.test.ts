import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { collectSubscription } from './testing/collect-subscription';
import { startSubscriptionHarness, testToken } from './testing/subscription-harness';
import type { SubscriptionHarness } from './testing/subscription-harness';

const CUSTOMERS = ['c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000002'];
// `viewer` answers each caller differently: each customer's completion is their own
const QUERY = `subscription { orderUpdated(orderId: "o1") { type order { items { product { name viewer } } } } }`;

describe('event completions beyond the limit wait in the gateway', () => {
  let harness: SubscriptionHarness | undefined;
  afterEach(() => harness?.stop());

  it('sends a completion to the subgraphs only once an earlier one has finished, and delivers both', async () => {
    const started = await startSubscriptionHarness({ maxConcurrentCompletions: 1 });
    harness = started;
    const tokens = await Promise.all(CUSTOMERS.map((id) => testToken(id)));
    const watches = tokens.map((token) => collectSubscription(started.client({ token }), { query: QUERY }));
    await waitFor(() => started.events.subscriptions.length === 2, { what: 'both upstream subscriptions' });
    const release = started.products.hold();
    started.events.publish({ type: 'PLACED', orderId: 'o1', productIds: ['p1'], note: '' });
    await waitFor(() => started.products.fetches.length === 1 && started.held().waiting === 1, {
      what: 'one completion at the subgraph and the other waiting in the gateway',
    });
    release();
    await Promise.all(watches.map((watch) => watch.received(1)));
    expect(started.products.fetches).toHaveLength(2);
    expect(started.held().waiting).toBe(0);
    expect(watches.map((watch) => JSON.stringify(watch.results[0]))).toEqual(
      CUSTOMERS.map((id) => expect.stringContaining(`"viewer":"${id}"`)),
    );
  });
});
