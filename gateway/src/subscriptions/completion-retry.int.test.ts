import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { collectSubscription } from './testing/collect-subscription';
import { startSubscriptionHarness, testToken } from './testing/subscription-harness';
import type { SubscriptionHarness } from './testing/subscription-harness';

const CUSTOMER = 'c1000000-0000-4000-8000-000000000001';
const QUERY = `subscription { orderUpdated(orderId: "o1") { type order { items { product { name } } } } }`;

describe('an event completion that a subgraph did not answer', () => {
  const cleanups: (() => unknown)[] = [];
  let harness: SubscriptionHarness | undefined;
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await harness?.stop();
  });

  it('runs once more, so every subscriber of its scope gets the event whole, late rather than broken', async () => {
    // the first answer is held past the gateway's timeout; the second is not held, and 2 s is
    // ample for it even on a machine kept busy
    const started = await startSubscriptionHarness({ subgraphTimeoutMs: 2_000, completionRetryDelayMs: 50 });
    harness = started;
    const token = await testToken(CUSTOMER);
    // two tabs of one customer share one completion, so one failure would reach both
    const tabs = [0, 1].map(() => collectSubscription(started.client({ token }), { query: QUERY }));
    await waitFor(() => started.events.subscriptions.length === 1, { what: 'the shared upstream subscription' });
    cleanups.push(started.products.holdNext());
    started.events.publish({ type: 'PLACED', orderId: 'o1', productIds: ['p1'], note: '' });
    await Promise.all(tabs.map((tab) => tab.received(1)));
    expect(started.products.fetches).toHaveLength(2);
    for (const tab of tabs) {
      expect(tab.results).toHaveLength(1);
      expect(tab.results[0]).toEqual({
        data: { orderUpdated: { type: 'PLACED', order: { items: [{ product: { name: 'Product p1' } }] } } },
      });
    }
  });
});
