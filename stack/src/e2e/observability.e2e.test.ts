import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@shopgraph/service-kit/logger';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { captureLines, duplicateTopLevelKeys } from '@shopgraph/test-kit/json-lines';
import { sampleOf, scrapeMetrics } from '@shopgraph/test-kit/prometheus-scrape';
import type { Scrape } from '@shopgraph/test-kit/prometheus-scrape';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { SUBGRAPH_NAMES } from '../subgraph-names';
import { PLACE_ORDER, SagaProbe, createProduct, placeOrder } from '../testing/saga-probe';

const METRICS_TOKEN = 'scrape-token-for-the-observability-test';
const SETTLED = (outcome: string, reason: string) => ({ outcome, reason });

describe('metrics and access logs of every service (npm start)', () => {
  let shop: TestStack;
  let probe: SagaProbe;
  const { stream, lines } = captureLines();
  const urls = (): Record<string, string> => ({
    gateway: shop.url,
    ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, shop.stack.subgraphs[n].url])),
  });
  const scrape = (service: string): Promise<Scrape> => scrapeMetrics(urls()[service] ?? '', METRICS_TOKEN);

  beforeAll(async () => {
    const log = createLogger('shopgraph', { level: 'info', destination: stream, secrets: [METRICS_TOKEN] });
    shop = await startTestStack({ METRICS_TOKEN }, log);
    probe = new SagaProbe(shop.databases);
  });
  afterAll(async () => {
    await probe.close();
    await shop.stop();
  });

  it('serves each service its own figures as Prometheus text, process and event loop included, to the token only', async () => {
    for (const service of ['gateway', ...SUBGRAPH_NAMES]) {
      const metrics = await scrape(service);
      const lag = metrics.families.get('nodejs_eventloop_lag_seconds')?.metrics[0];
      expect(lag?.labels?.['service']).toBe(service);
      expect(metrics.families.has('process_cpu_user_seconds_total')).toBe(true);
      expect(metrics.families.has('graphql_request_duration_seconds')).toBe(true);
      // requests and background pools, each total, idle and waiting
      if (service !== 'gateway') expect(metrics.families.get('db_pool_connections')?.metrics).toHaveLength(6);
    }
    const unauthorized = await fetch(shop.url.replace(/\/graphql$/, '/metrics'));
    expect(unauthorized.status).toBe(401);
    const refused = { code: 'BAD_USER_INPUT' };
    const before = sampleOf(await scrape('gateway'), 'gateway_http_refusals_total', refused);
    const notJson = await fetch(shop.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(sampleOf(await scrape('gateway'), 'gateway_http_refusals_total', refused)).toBe(before + 1);
  });

  it('counts a confirmed and a declined order once each, and the requests and subgraph fetches that placed them', async () => {
    const [customer, admin] = await Promise.all([logInAsCustomer(shop.url), logInAsAdmin(shop.url)]);
    const productId = await createProduct(shop.url, admin, { stock: 5 });
    const [ordersBefore, gatewayBefore] = await Promise.all([scrape('orders'), scrape('gateway')]);
    const placed = await Promise.all(
      ['tok_visa', 'tok_chargeDeclined'].map((paymentToken) =>
        placeOrder(shop.url, customer, {
          items: [{ productId, quantity: 1 }],
          paymentToken,
          idempotencyKey: crypto.randomUUID(),
        }),
      ),
    );
    const ids = placed.map((response) => response.data?.placeOrder.id ?? '');
    expect(await probe.settle(ids)).toEqual({ CONFIRMED: 1, 'CANCELLED:card_declined': 1 });
    const moved = async (labels: { outcome: string; reason: string }) =>
      sampleOf(await scrape('orders'), 'saga_orders_settled_total', labels) -
      sampleOf(ordersBefore, 'saga_orders_settled_total', labels);
    await waitFor(async () => (await moved(SETTLED('confirmed', 'none'))) === 1, {
      what: 'the confirmation counted',
      timeout: 60_000,
    });
    await waitFor(async () => (await moved(SETTLED('cancelled', 'card_declined'))) === 1, {
      what: 'the decline counted',
    });
    const orders = await scrape('orders');
    expect(sampleOf(orders, 'saga_settle_duration_seconds', { outcome: 'confirmed' })).toBe(
      sampleOf(ordersBefore, 'saga_settle_duration_seconds', { outcome: 'confirmed' }) + 1,
    );
    expect(orders.families.get('outbox_backlog_events')?.metrics).toHaveLength(1);
    const gateway = await scrape('gateway');
    const placeOrders = { operation: 'PlaceOrder', outcome: 'success' };
    expect(
      sampleOf(gateway, 'graphql_requests_total', placeOrders) -
        sampleOf(gatewayBefore, 'graphql_requests_total', placeOrders),
    ).toBe(2);
    const ordersFetches = { subgraph: 'orders', outcome: 'success' };
    expect(sampleOf(gateway, 'gateway_subgraph_fetch_duration_seconds', ordersFetches)).toBeGreaterThan(
      sampleOf(gatewayBefore, 'gateway_subgraph_fetch_duration_seconds', ordersFetches),
    );
    expect(sampleOf(gateway, 'gateway_subgraph_breaker_state', { subgraph: 'orders' })).toBe(0);
  });

  it('logs one line per request, with its operation, client, outcome and request ID, and no key twice', async () => {
    const requestId = crypto.randomUUID();
    const response = await fetch(shop.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollographql-client-name': 'observability-test',
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query: PLACE_ORDER.replace('PlaceOrder', 'PlaceOrderAnonymously'), variables: {} }),
    });
    expect(response.status).toBe(400);
    const access = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['requestId'] === requestId && line['msg'] === 'request');
    expect(access).toEqual([
      expect.objectContaining({
        service: 'gateway',
        operationName: 'PlaceOrderAnonymously',
        clientName: 'observability-test',
        outcome: 'error',
        durationMs: expect.any(Number),
      }),
    ]);
    expect(lines.filter((line) => duplicateTopLevelKeys(line).length > 0)).toEqual([]);
    expect(lines.join('\n')).not.toContain(METRICS_TOKEN);
  });
});
