import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOrder, createPaymentsSagaFixture, outboxFor } from '../../testing/payments-saga-fixture';
import type { PaymentsSagaFixture } from '../../testing/payments-saga-fixture';

describe('the payments saga consumer on PostgreSQL', () => {
  let fixture: PaymentsSagaFixture;
  const handle: PaymentsSagaFixture['saga']['handle'] = (event) => fixture.saga.handle(event);
  const settled = (orderId: string) => fixture.chargeSettled(orderId);
  const charges = (orderId: string, status?: 'captured' | 'declined' | 'refunded') =>
    fixture.processor.countCharges({ idempotencyKey: orderId, ...(status && { status }) });
  const eventTypes = async (orderId: string) => (await outboxFor(fixture.pool, orderId)).map((e) => e.type);

  beforeAll(async () => {
    fixture = await createPaymentsSagaFixture();
  });
  afterAll(() => fixture.close());

  it('captures a tok_visa order’s total once and announces payment.captured', async () => {
    const order = anOrder({ total: 4_200 });
    await handle(order.placed);
    await handle(order.reserved);
    await settled(order.orderId);
    expect(await fixture.paymentOf(order.orderId)).toEqual({ status: 'CAPTURED', failureReason: null, amount: 4_200 });
    const [captured] = await outboxFor(fixture.pool, order.orderId);
    expect(captured).toEqual({
      type: 'payment.captured',
      payload: { orderId: order.orderId, paymentId: expect.any(String), amount: 4_200, currency: 'EUR' },
    });
    expect(await charges(order.orderId, 'captured')).toBe(1);
  });

  it('charges no second time and announces nothing new when stock.reserved is delivered again', async () => {
    const order = anOrder();
    await handle(order.placed);
    await handle(order.reserved);
    await settled(order.orderId);
    await handle(order.placed);
    await handle(order.reserved);
    await fixture.charges.settled();
    expect(await charges(order.orderId)).toBe(1);
    expect(await eventTypes(order.orderId)).toEqual(['payment.captured']);
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'CAPTURED' });
  });

  it('fails a declined card with card_declined and announces payment.failed', async () => {
    const order = anOrder({ token: 'tok_chargeDeclined' });
    await handle(order.placed);
    await handle(order.reserved);
    await settled(order.orderId);
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'FAILED', failureReason: 'card_declined' });
    const events = await outboxFor(fixture.pool, order.orderId);
    expect(events).toEqual([
      {
        type: 'payment.failed',
        payload: { orderId: order.orderId, paymentId: expect.any(String), reason: 'card_declined' },
      },
    ]);
    await handle(order.reserved);
    expect(await eventTypes(order.orderId)).toEqual(['payment.failed']);
  });

  it('charges nothing for an order whose stock was rejected, even if stock.reserved follows', async () => {
    const order = anOrder();
    await handle(order.placed);
    await handle(order.rejected);
    await handle(order.reserved);
    expect(await charges(order.orderId)).toBe(0);
    expect(await fixture.paymentOf(order.orderId)).toBeNull();
    expect(await eventTypes(order.orderId)).toEqual([]);
  });

  it('refunds a captured payment once when the order is cancelled, however often that is delivered', async () => {
    const order = anOrder({ total: 1_500 });
    await handle(order.placed);
    await handle(order.reserved);
    await settled(order.orderId);
    const cancelled = order.cancelled('cancelled_by_customer');
    await handle(cancelled);
    await handle(cancelled);
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'REFUNDED', amount: 1_500 });
    expect(await charges(order.orderId, 'refunded')).toBe(1);
    const events = await outboxFor(fixture.pool, order.orderId);
    expect(events.map((e) => e.type)).toEqual(['payment.captured', 'payment.refunded']);
    expect(events[1]?.payload).toEqual({
      orderId: order.orderId,
      paymentId: expect.any(String),
      amount: 1_500,
      currency: 'EUR',
    });
  });

  it('charges nothing when the order was cancelled before its stock was reserved', async () => {
    const order = anOrder();
    await handle(order.placed);
    await handle(order.cancelled());
    await handle(order.reserved);
    expect(await charges(order.orderId)).toBe(0);
    expect(await fixture.paymentOf(order.orderId)).toBeNull();
    expect(await eventTypes(order.orderId)).toEqual([]);
  });

  it('leaves a failed payment as it is when its order is cancelled', async () => {
    const order = anOrder({ token: 'tok_chargeDeclined' });
    await handle(order.placed);
    await handle(order.reserved);
    await settled(order.orderId);
    await handle(order.cancelled('card_declined'));
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'FAILED', failureReason: 'card_declined' });
    expect(await eventTypes(order.orderId)).toEqual(['payment.failed']);
  });

  it('charges once and announces one capture for 20 concurrent deliveries of one stock.reserved', async () => {
    const order = anOrder();
    await handle(order.placed);
    await Promise.all(Array.from({ length: 20 }, () => handle(order.reserved)));
    await fixture.chargeSettled(order.orderId);
    await fixture.charges.settled();
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId })).toBe(1);
    expect(await eventTypes(order.orderId)).toEqual(['payment.captured']);
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'CAPTURED' });
  });

  it('keeps the priced amount of a stock.reserved that comes before order.placed, and charges it once both are known', async () => {
    const order = anOrder({ total: 2_600 });
    await handle(order.reserved);
    expect(await fixture.paymentOf(order.orderId)).toBeNull();
    await handle(order.placed);
    await settled(order.orderId);
    expect(await fixture.paymentOf(order.orderId)).toEqual({ status: 'CAPTURED', failureReason: null, amount: 2_600 });
    expect(await charges(order.orderId, 'captured')).toBe(1);
    expect(await eventTypes(order.orderId)).toEqual(['payment.captured']);
  });

  it.each([
    ['stock.rejected', (order: ReturnType<typeof anOrder>) => order.rejected],
    ['order.cancelled', (order: ReturnType<typeof anOrder>) => order.cancelled()],
  ])('never charges an order whose %s came before order.placed and stock.reserved', async (_type, closing) => {
    const order = anOrder();
    await handle(closing(order));
    await handle(order.reserved);
    await handle(order.placed);
    await fixture.charges.settled();
    expect(await charges(order.orderId)).toBe(0);
    expect(await fixture.paymentOf(order.orderId)).toBeNull();
    expect(await eventTypes(order.orderId)).toEqual([]);
  });

  it('returns from stock.reserved with the charge only due, without waiting for the processor', async () => {
    const order = anOrder({ token: 'tok_slow' });
    await handle(order.placed);
    await handle(order.reserved);
    // tok_slow answers after a minute: the handler has returned long before
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'PENDING' });
    expect(await charges(order.orderId)).toBe(0);
    await handle(order.cancelled());
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({
      status: 'FAILED',
      failureReason: 'cancelled_by_customer',
    });
  });
});
