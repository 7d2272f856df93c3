import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { anOrder, createPaymentsSagaFixture, outboxFor } from '../../testing/payments-saga-fixture';
import type { PaymentsSagaFixture } from '../../testing/payments-saga-fixture';

const eventTypes = async (fixture: PaymentsSagaFixture, orderId: string) =>
  (await outboxFor(fixture.pool, orderId)).map((e) => e.type);

describe('the payments saga when the processor is slower than the payment timeout', () => {
  let fixture: PaymentsSagaFixture;

  beforeAll(async () => {
    // tok_slow must time out here; the late capture lands seconds after, so the checks in
    // between never race it. tok_visa answers well within the timeout's margin of the fixture.
    fixture = await createPaymentsSagaFixture({ paymentTimeoutMs: 200, slowDelayMs: 5_000 });
  });
  afterAll(() => fixture.close());

  it('fails the payment with payment_timeout, then refunds the capture that lands late', async () => {
    const order = anOrder({ token: 'tok_slow', total: 3_000 });
    await fixture.saga.handle(order.placed);
    await fixture.saga.handle(order.reserved);
    await fixture.chargeSettled(order.orderId);
    // the charge was settled at the deadline: the processor has not captured yet
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId })).toBe(0);
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({
      status: 'FAILED',
      failureReason: 'payment_timeout',
    });
    expect(await outboxFor(fixture.pool, order.orderId)).toEqual([
      {
        type: 'payment.failed',
        payload: { orderId: order.orderId, paymentId: expect.any(String), reason: 'payment_timeout' },
      },
    ]);
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId })).toBe(0);

    await waitFor(async () => (await fixture.paymentOf(order.orderId))?.status === 'REFUNDED', {
      what: 'the late capture to be refunded',
    });
    const events = await outboxFor(fixture.pool, order.orderId);
    expect(events.map((e) => e.type)).toEqual(['payment.failed', 'payment.refunded']);
    expect(events[1]?.payload).toMatchObject({ orderId: order.orderId, amount: 3_000, currency: 'EUR' });
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId, status: 'refunded' })).toBe(1);
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId })).toBe(1);
  });

  it('does not ask the processor again when a timed-out stock.reserved is delivered again', async () => {
    const order = anOrder({ token: 'tok_slow' });
    await fixture.saga.handle(order.placed);
    await fixture.saga.handle(order.reserved);
    await fixture.chargeSettled(order.orderId);
    await fixture.saga.handle(order.reserved);
    await fixture.charges.settled();
    // the timed-out payment is settled: the redelivery does not ask the processor again
    expect(fixture.chargeCalls(order.orderId)).toBe(1);
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId })).toBe(1);
    expect(await eventTypes(fixture, order.orderId)).toEqual(['payment.failed', 'payment.refunded']);
  });

  it('refunds once when 20 concurrent deliveries of a slow stock.reserved all time out', async () => {
    const order = anOrder({ token: 'tok_slow' });
    await fixture.saga.handle(order.placed);
    await Promise.all(Array.from({ length: 20 }, () => fixture.saga.handle(order.reserved)));
    await fixture.chargeSettled(order.orderId);
    await fixture.charges.settled();
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId, status: 'refunded' })).toBe(1);
    expect(await eventTypes(fixture, order.orderId)).toEqual(['payment.failed', 'payment.refunded']);
  });
});

describe('the payments saga when an order is cancelled while its charge is under way', () => {
  let fixture: PaymentsSagaFixture;

  beforeAll(async () => {
    // the capture comes seconds after the charge started, long before the timeout
    fixture = await createPaymentsSagaFixture({ paymentTimeoutMs: 60_000, slowDelayMs: 5_000 });
  });
  afterAll(() => fixture.close());

  it('abandons the pending payment with the cancellation’s reason and refunds the capture that follows', async () => {
    const order = anOrder({ token: 'tok_slow' });
    await fixture.saga.handle(order.placed);
    await fixture.saga.handle(order.reserved);
    await waitFor(() => fixture.chargeCalls(order.orderId) === 1, { what: 'the charge to be under way' });
    await fixture.saga.handle(order.cancelled('cancelled_by_customer'));
    await fixture.charges.settled();
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({
      status: 'REFUNDED',
      failureReason: 'cancelled_by_customer',
    });
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId, status: 'refunded' })).toBe(1);
    expect(await eventTypes(fixture, order.orderId)).toEqual(['payment.refunded']);
  });
});

describe('the payments saga at shutdown', () => {
  let fixture: PaymentsSagaFixture;

  beforeAll(async () => {
    fixture = await createPaymentsSagaFixture({ paymentTimeoutMs: 100, slowDelayMs: 60_000 });
  });
  afterAll(() => fixture.close());

  it('abandons a late charge when the service stops, leaving the timed-out payment failed and nothing charged', async () => {
    const order = anOrder({ token: 'tok_slow' });
    await fixture.saga.handle(order.placed);
    await fixture.saga.handle(order.reserved);
    await fixture.chargeSettled(order.orderId);
    fixture.processor.close();
    await fixture.charges.settled();
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId })).toBe(0);
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({
      status: 'FAILED',
      failureReason: 'payment_timeout',
    });
    expect(await eventTypes(fixture, order.orderId)).toEqual(['payment.failed']);
  });
});
