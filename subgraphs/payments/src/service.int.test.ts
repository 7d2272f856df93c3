import { pino } from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentCapturedV1, paymentFailedV1, paymentRefundedV1 } from '@shopgraph/events/payment-events';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import { createTestEventBus } from '@shopgraph/test-kit/test-event-bus';
import type { TestEventBus } from '@shopgraph/test-kit/test-event-bus';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { loadPaymentsConfig } from './config';
import { startPaymentsService } from './service';
import { anOrder } from './testing/payments-saga-fixture';

describe('the payments service in the saga', () => {
  let database: TestDatabase;
  let bus: TestEventBus;
  let service: RunningService;
  const heard: { type: string; orderId: string; payload: unknown }[] = [];
  const heardFor = (orderId: string) => heard.filter((event) => event.orderId === orderId);

  beforeAll(async () => {
    database = await createTestDatabase('payments');
    bus = await createTestEventBus();
    await bus.subscribe({
      consumer: 'test-listener',
      events: [paymentCapturedV1, paymentFailedV1, paymentRefundedV1],
      handle: async (event) =>
        void heard.push({ type: event.type, orderId: event.aggregateId, payload: event.payload }),
    });
    const config = loadPaymentsConfig({
      PAYMENTS_DATABASE_URL: database.url,
      PAYMENTS_PORT: '0',
      PAYMENT_TIMEOUT_MS: '200',
      SIMULATED_PROCESSOR_SLOW_MS: '60000',
    });
    service = await startPaymentsService(config, pino({ level: 'silent' }), { bus });
  });
  afterAll(async () => {
    await bus.close();
    await database.drop();
  });

  it('captures an order it hears of on the bus and publishes payment.captured through its outbox', async () => {
    const order = anOrder({ total: 2_400 });
    await bus.publish(order.placed);
    await bus.publish(order.reserved);
    await waitFor(() => heardFor(order.orderId).length > 0, { what: 'payment.captured' });
    expect(heardFor(order.orderId)).toEqual([
      {
        type: 'payment.captured',
        orderId: order.orderId,
        payload: { orderId: order.orderId, paymentId: expect.any(String), amount: 2_400, currency: 'EUR' },
      },
    ]);
  });

  it('stops at once with a tok_slow charge still pending after its timeout, having charged nothing', async () => {
    const order = anOrder({ token: 'tok_slow' });
    await bus.publish(order.placed);
    await bus.publish(order.reserved);
    await waitFor(() => heardFor(order.orderId).length > 0, { what: 'payment.failed' });
    expect(heardFor(order.orderId).map((event) => event.payload)).toEqual([
      { orderId: order.orderId, paymentId: expect.any(String), reason: 'payment_timeout' },
    ]);
    const started = Date.now();
    await service.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query('select 1 from simulated_processor_charges where idempotency_key = $1', [
      order.orderId,
    ]);
    await client.end();
    expect(rows).toEqual([]);
  });
});
