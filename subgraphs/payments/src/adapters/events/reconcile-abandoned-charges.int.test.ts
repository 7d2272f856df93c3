import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { anOrder, createPaymentsSagaFixture, outboxFor } from '../../testing/payments-saga-fixture';
import type { PaymentsSagaFixture } from '../../testing/payments-saga-fixture';
import { startChargeWorker } from './charge-worker';

describe('reconciling charges a dead process abandoned', () => {
  let fixture: PaymentsSagaFixture;
  beforeAll(async () => {
    fixture = await createPaymentsSagaFixture();
    // no live worker: the one that sent these charges "died" with them
    await fixture.charges.stop();
  });
  afterAll(() => fixture.close());

  /** An order whose charge a worker sent and then died; the order was cancelled since. */
  async function abandonedCharge({ captured }: { readonly captured: boolean }) {
    const order = anOrder({ total: 1_800 });
    await fixture.saga.handle(order.placed);
    await fixture.saga.handle(order.reserved);
    await fixture.pool.query(
      `update payments set charge_lease_until = now() - interval '1 minute' where order_id = $1`,
      [order.orderId],
    );
    if (captured) {
      const charge = { idempotencyKey: order.orderId, amount: 1_800, currency: 'EUR', token: 'tok_visa' };
      await fixture.processor.charge(charge);
    }
    await fixture.saga.handle(order.cancelled('cancelled_by_customer'));
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'FAILED' });
    return order;
  }

  const reconciled = async (orderId: string) => {
    const { rows } = await fixture.pool.query(
      `select 1 from payments where order_id = $1 and reconciled_at is not null`,
      [orderId],
    );
    return rows.length === 1;
  };

  /** A worker started after the crash, as a restarted process would, until it looked at `orderId`. */
  async function reconcileWithFreshWorker(orderId: string): Promise<void> {
    const worker = startChargeWorker({ ...fixture, paymentTimeoutMs: 30_000, log: pino({ level: 'silent' }) });
    try {
      worker.reconcile();
      await waitFor(() => reconciled(orderId), { what: 'the abandoned charge to be reconciled' });
    } finally {
      await worker.stop();
    }
  }

  it('refunds the capture of a cancelled order whose charge answer died with its process', async () => {
    const order = await abandonedCharge({ captured: true });
    await reconcileWithFreshWorker(order.orderId);
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'REFUNDED' });
    const key = { idempotencyKey: order.orderId };
    expect(await fixture.processor.countCharges({ ...key, status: 'refunded' })).toBe(1);
    expect((await outboxFor(fixture.pool, order.orderId)).map((event) => event.type)).toContain('payment.refunded');
  });

  it('refunds nothing when the processor recorded no charge, and asks about it once', async () => {
    const order = await abandonedCharge({ captured: false });
    await reconcileWithFreshWorker(order.orderId);
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'FAILED' });
    expect(await fixture.processor.countCharges({ idempotencyKey: order.orderId })).toBe(0);
    expect((await outboxFor(fixture.pool, order.orderId)).map((event) => event.type)).not.toContain('payment.refunded');
  });
});
