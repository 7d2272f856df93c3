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
  let pool: pg.Pool;
  const heard: { type: string; orderId: string; payload: unknown }[] = [];
  const heardFor = (orderId: string) => heard.filter((event) => event.orderId === orderId);

  beforeAll(async () => {
    database = await createTestDatabase('payments');
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
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
      // far above any answer of tok_visa on a busy machine: a capture must never time out here
      PAYMENT_TIMEOUT_MS: '30000',
      SIMULATED_PROCESSOR_SLOW_MS: '60000',
    });
    service = await startPaymentsService(config, pino({ level: 'silent' }), { bus });
  });
  afterAll(async () => {
    await pool.end();
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

  it('stops with a tok_slow charge in flight, having charged nothing, and leaves the charge due for a restart', async () => {
    const order = anOrder({ token: 'tok_slow' });
    await bus.publish(order.placed);
    await bus.publish(order.reserved);
    const leased = async () => {
      const { rows } = await pool.query(
        'select 1 from payments where order_id = $1 and charge_lease_until is not null',
        [order.orderId],
      );
      return rows.length === 1;
    };
    await waitFor(leased, { what: 'the charge to be under way' });
    const started = Date.now();
    await service.stop();
    // the processor would answer after 60 s: stopping abandons the wait instead of sitting it out
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(heardFor(order.orderId)).toEqual([]);
    const { rows } = await pool.query('select 1 from simulated_processor_charges where idempotency_key = $1', [
      order.orderId,
    ]);
    expect(rows).toEqual([]);
    const payment = await pool.query('select status from payments where order_id = $1', [order.orderId]);
    expect(payment.rows).toEqual([{ status: 'PENDING' }]);
  });
});
