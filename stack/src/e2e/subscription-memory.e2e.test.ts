import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import { collectGarbage } from '@shopgraph/gateway/subscriptions/idle-collector';
import type { CollectedSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { sampleOf, scrapeMetrics } from '@shopgraph/test-kit/prometheus-scrape';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { adminTokens } from '../testing/admin-tokens';
import { EVENT_FIELDS, liveClient } from '../testing/live-client';
import { createProduct, placeOrder } from '../testing/saga-probe';

const JWT_SECRET = 'e2e-subscription-memory-jwt-secret-0123456789';
// clients of one customer share one upstream subscription; ADMINs of distinct identities share
// only what the subgraphs declared shareable (decision 0048): both paths hold state per client
const SHARED = `subscription Mine { myOrderEvents { ${EVENT_FIELDS} } }`;
const DISTINCT = `subscription All { orderEvents { ${EVENT_FIELDS} } }`;
const PER_KIND = 100;
const ROUNDS = 8;
const EVENTS_PER_ORDER = 4; // PLACED, STOCK_RESERVED, PAYMENT_CAPTURED, CONFIRMED

/** The V8 heap in use once everything unreachable is collected (several passes: finalizers free more). */
async function heapAfterCollection(): Promise<number> {
  for (let pass = 0; pass < 4; pass++) {
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/**
 * Whatever the gateway holds for a client must go when the client does. The whole stack runs
 * in this process, so its heap after a full collection is the gateway's and the subgraphs'
 * together: a first round of clients warms every cache and pool, then more rounds come and go,
 * and the heap must end within 10 % of where the first round left it. Counting, not timing:
 * every wait is for a condition.
 */
describe('memory after subscribers leave', () => {
  let shop: TestStack;
  let customer: string;
  let admin: string;
  let productId: string;
  // the same identities every round: the gateway's bounded per-identity caches (verified
  // tokens, rate-limit buckets) fill in the first round and are not what is measured
  let tokens: string[];

  beforeAll(async () => {
    shop = await startTestStack({ JWT_SECRET, WS_MAX_CONNECTIONS_PER_IP: '100000' });
    [customer, admin] = await Promise.all([logInAsCustomer(shop.url), logInAsAdmin(shop.url)]);
    productId = await createProduct(shop.url, admin, { stock: 100_000 });
    tokens = [...Array.from({ length: PER_KIND }, () => customer), ...(await adminTokens(PER_KIND, JWT_SECRET))];
  });
  afterAll(() => shop?.stop());

  const gauge = async (name: string) => sampleOf(await scrapeMetrics(shop.url), name);
  const order = () =>
    placeOrder(shop.url, customer, {
      items: [{ productId, quantity: 1 }],
      paymentToken: 'tok_visa',
      idempotencyKey: crypto.randomUUID(),
    });

  /** Every subscriber has heard `count` results more than `before` (one count per subscriber). */
  const allHeard = (subscriptions: readonly CollectedSubscription[], before: readonly number[], count: number) =>
    subscriptions.every((subscription, i) => subscription.results.length >= (before[i] ?? 0) + count);

  /** 2 × PER_KIND clients subscribe, hear two whole orders, and leave; returns the heap after. */
  async function round(): Promise<number> {
    const clients = tokens.map((token) => liveClient(shop.url, token));
    const subscriptions = clients.map((client, i) =>
      collectSubscription(client, { query: i < PER_KIND ? SHARED : DISTINCT }),
    );
    await waitFor(async () => (await gauge('gateway_subscriptions')) === tokens.length, {
      what: `${tokens.length} subscriptions at the gateway`,
      timeout: 120_000,
    });
    // graphql-ws acknowledges no subscribe: orders until every subscriber has heard one whole
    for (let attempt = 1; ; attempt++) {
      const before = subscriptions.map((subscription) => subscription.results.length);
      await order();
      try {
        await waitFor(() => allHeard(subscriptions, before, EVENTS_PER_ORDER), {
          what: 'a whole order',
          timeout: 10_000,
        });
        break;
      } catch (error) {
        if (attempt >= 12) throw error;
      }
    }
    const before = subscriptions.map((subscription) => subscription.results.length);
    await order();
    await order();
    await waitFor(() => allHeard(subscriptions, before, 2 * EVENTS_PER_ORDER), {
      what: 'two more whole orders',
      timeout: 120_000,
    });
    expect(subscriptions.flatMap((subscription) => subscription.results.flatMap((r) => r.errors ?? []))).toEqual([]);
    await Promise.all(clients.map((client) => client.dispose()));
    await waitFor(
      async () => (await gauge('gateway_subscriptions')) === 0 && (await gauge('gateway_websocket_connections')) === 0,
      { what: 'the gateway to let every client go', timeout: 120_000 },
    );
    return heapAfterCollection();
  }

  it(`returns to its heap after ${ROUNDS - 1} more rounds of ${2 * PER_KIND} subscribers`, async () => {
    const heaps = [await round()];
    for (let i = 1; i < ROUNDS; i++) heaps.push(await round());
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    console.log(`heap after each round (MiB): ${heaps.map(mib).join(', ')}`);
    const [baseline = 0, ...later] = heaps;
    expect(later.at(-1)).toBeLessThanOrEqual(baseline * 1.1);
  }, 900_000);
});
