import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { startTracing, stopTracing } from '@shopgraph/service-kit/tracing/tracing';
import { graphql, logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';
import { collectSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import { liveClient, untilLive } from '../testing/live-client';
import { SagaProbe, createProduct, placeOrder } from '../testing/saga-probe';
import { fetchesPerSubgraph } from './query-plan-fetches';

const TRACED_ORDERS = `query TracedOrders {
  me { orders(first: 5) { edges { node { id status items { quantity product { name } } payment { status } } } } }
}`;

const MY_EVENTS = `subscription TracedEvents { myOrderEvents { id type order { id customer { name } } } }`;

const serviceOf = (span: ReadableSpan) => span.resource.attributes['service.name'];
const spanId = (span: ReadableSpan) => span.spanContext().spanId;
const parentOf = (span: ReadableSpan, trace: readonly ReadableSpan[]) =>
  trace.find((other) => spanId(other) === span.parentSpanContext?.spanId);

describe('traces through the gateway (OpenTelemetry, W3C trace context, in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  let shop: TestStack;
  let customer: string;
  let admin: string;

  /** Every span of the trace whose gateway request ran `operationName`, once `complete` holds. */
  async function traceOf(operationName: string, complete: (trace: readonly ReadableSpan[]) => boolean) {
    let trace: readonly ReadableSpan[] = [];
    await waitFor(
      () => {
        const spans = exporter.getFinishedSpans();
        const request = spans.find(
          (span) => serviceOf(span) === 'gateway' && span.attributes['graphql.operation.name'] === operationName,
        );
        trace = request ? spans.filter((span) => span.spanContext().traceId === request.spanContext().traceId) : [];
        return trace.length > 0 && complete(trace);
      },
      { what: `the trace of ${operationName}`, timeout: 120_000, interval: 50 },
    );
    return trace;
  }

  beforeAll(async () => {
    startTracing({ config: { exporter: 'none', sampler: 'always_on', ratio: 1 }, globalService: 'gateway', exporter });
    shop = await startTestStack();
    [customer, admin] = await Promise.all([logInAsCustomer(shop.url), logInAsAdmin(shop.url)]);
  });
  afterAll(async () => {
    await shop.stop();
    await stopTracing();
  });

  it('shows one placeOrder as one trace: gateway, orders, products, payments, their SQL and the saga consumers', async () => {
    const productId = await createProduct(shop.url, admin, { stock: 5 });
    const input = {
      items: [{ productId, quantity: 1 }],
      paymentToken: 'tok_visa',
      idempotencyKey: crypto.randomUUID(),
    };
    const placed = await placeOrder(shop.url, customer, input);
    expect(placed.errors).toBeUndefined();
    const probe = new SagaProbe(shop.databases);
    expect(await probe.settle([placed.data?.placeOrder.id ?? ''])).toEqual({ CONFIRMED: 1 });
    await probe.close();
    // the last step of the saga: products hears order.confirmed and sells the reservation
    const trace = await traceOf('PlaceOrder', (spans) => spans.some((span) => span.name === 'process order.confirmed'));

    expect(new Set(trace.map(serviceOf))).toEqual(new Set(['gateway', 'orders', 'products', 'payments']));
    const roots = trace.filter((span) => !parentOf(span, trace));
    expect(roots.map((span) => [serviceOf(span), span.name])).toEqual([['gateway', 'POST /graphql']]);
    const names = (service: string) => new Set(trace.filter((span) => serviceOf(span) === service).map((s) => s.name));
    expect([...names('gateway')]).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']));
    expect([...names('orders')]).toEqual(
      expect.arrayContaining([
        'POST /graphql',
        'resolve Mutation.placeOrder',
        'publish order.placed',
        // the log's announcements, whose outbox rows orders builds in SQL with the writer's context
        'publish order.event-recorded',
        'process payment.captured',
      ]),
    );
    expect([...names('products')]).toEqual(
      expect.arrayContaining(['process order.placed', 'publish stock.reserved', 'process order.confirmed']),
    );
    expect([...names('payments')]).toEqual(
      expect.arrayContaining(['process order.placed', 'process stock.reserved', 'charge', 'publish payment.captured']),
    );
    for (const service of ['orders', 'products', 'payments']) {
      expect(
        trace.some((span) => serviceOf(span) === service && span.attributes['db.system.name'] === 'postgresql'),
      ).toBe(true);
    }
    // parented as the work flowed: the subgraph request under the gateway's fetch, each consumer under the publish that reached it
    const ordersRequest = trace.find((span) => serviceOf(span) === 'orders' && span.name === 'POST /graphql');
    expect(ordersRequest && parentOf(ordersRequest, trace)?.name).toBe('gateway.fetch');
    const confirm = trace.find((span) => span.name === 'process payment.captured');
    expect(confirm && [serviceOf(confirm), parentOf(confirm, trace)?.name]).toEqual([
      'orders',
      'publish payment.captured',
    ]);
    // the charge has two causes: the event that made it due is its parent, the other its link
    const charge = trace.find((span) => span.name === 'charge');
    const causes = [
      charge && parentOf(charge, trace),
      ...(charge?.links ?? []).map((link) => trace.find((s) => spanId(s) === link.context.spanId)),
    ];
    expect(new Set(causes.map((cause) => cause && `${serviceOf(cause)} ${cause.name}`))).toEqual(
      new Set(['payments process order.placed', 'payments process stock.reserved']),
    );
  });

  it('makes one gateway.fetch span per fetch of the query plan, each with its subgraph request under it', async () => {
    const response = await graphql(shop.url, { query: TRACED_ORDERS, token: customer });
    expect(response.errors).toBeUndefined();
    const expected = await fetchesPerSubgraph(TRACED_ORDERS);
    const total = [...expected.values()].reduce((sum, count) => sum + count, 0);
    const trace = await traceOf(
      'TracedOrders',
      (spans) => spans.filter((s) => s.name === 'gateway.fetch').length >= total,
    );
    const fetches = trace.filter((span) => span.name === 'gateway.fetch');
    const counted = new Map<string, number>();
    for (const fetch of fetches) {
      const service = String(fetch.attributes['service']);
      counted.set(service, (counted.get(service) ?? 0) + 1);
      const requests = trace.filter((span) => span.name === 'POST /graphql' && parentOf(span, trace) === fetch);
      expect(requests.map(serviceOf)).toEqual([service]);
    }
    expect(counted).toEqual(expected);
  });

  it('traces each upstream subscription event once, with a child span per client it reached', async () => {
    const clients = [liveClient(shop.url, customer), liveClient(shop.url, customer)] as const;
    const first = collectSubscription(clients[0], { query: MY_EVENTS });
    const second = collectSubscription(clients[1], { query: MY_EVENTS });
    const productId = await createProduct(shop.url, admin, { stock: 50 });
    const order = () =>
      placeOrder(shop.url, customer, {
        items: [{ productId, quantity: 1 }],
        paymentToken: 'tok_visa',
        idempotencyKey: crypto.randomUUID(),
      });
    try {
      await untilLive(first, order);
      await waitFor(() => second.results.length > 0, { what: 'the second subscriber to be live' });
      await order();
      // one client asked for the same operation twice: one completion of each event, two deliveries
      await waitFor(
        () => {
          const spans = exporter.getFinishedSpans();
          return spans.some((event) => {
            if (event.name !== 'subscription event myOrderEvents') return false;
            const children = spans.filter((span) => span.parentSpanContext?.spanId === spanId(event));
            const deliveries = children.filter((span) => span.name === 'subscription delivery myOrderEvents');
            const fetches = spans.filter(
              (span) => span.name === 'gateway.fetch' && span.spanContext().traceId === event.spanContext().traceId,
            );
            return (
              deliveries.length === 2 &&
              deliveries.every((d) => typeof d.attributes['shopgraph.request_id'] === 'string') &&
              fetches.length > 0
            );
          });
        },
        { what: 'an event span with two delivery spans and its fetches', timeout: 120_000, interval: 50 },
      );
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });
});
