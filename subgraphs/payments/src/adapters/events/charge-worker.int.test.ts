import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import type { CardProcessor } from '../../application/card-processor';
import { anOrder, createPaymentsSagaFixture } from '../../testing/payments-saga-fixture';
import type { PaymentsSagaFixture } from '../../testing/payments-saga-fixture';
import { startChargeWorker } from './charge-worker';

const log = pino({ level: 'silent' });
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('the charge worker when the processor is slow for some orders', () => {
  let fixture: PaymentsSagaFixture;
  beforeAll(async () => {
    // tok_slow answers after the test has ended: its charges stay in flight throughout
    fixture = await createPaymentsSagaFixture({ paymentTimeoutMs: 120_000, slowDelayMs: 120_000 });
  });
  afterAll(() => fixture.close());

  /** How long one tok_visa order takes from its events to a settled charge. */
  async function settleTime(): Promise<number> {
    const order = anOrder();
    const started = performance.now();
    await fixture.saga.handle(order.placed);
    await fixture.saga.handle(order.reserved);
    await fixture.chargeSettled(order.orderId);
    const elapsed = performance.now() - started;
    expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'CAPTURED' });
    return elapsed;
  }

  it('settles another customer’s order within a small multiple of its unloaded time with 10 tok_slow orders in flight', async () => {
    await settleTime(); // warm-up: first statements, first connections
    const unloaded = median([await settleTime(), await settleTime(), await settleTime()]);
    const slow = Array.from({ length: 10 }, () => anOrder({ token: 'tok_slow' }));
    for (const order of slow) {
      await fixture.saga.handle(order.placed);
      await fixture.saga.handle(order.reserved);
    }
    await waitFor(() => slow.every((order) => fixture.chargeCalls(order.orderId) === 1), {
      what: 'the 10 tok_slow charges to be in flight',
    });
    const loaded = median([await settleTime(), await settleTime(), await settleTime()]);
    // the slow charges are still waiting on the processor: they held up nothing
    for (const order of slow) expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'PENDING' });
    console.info(
      `another order's charge settles in ${unloaded.toFixed(0)} ms unloaded, ${loaded.toFixed(0)} ms with 10 tok_slow in flight (×${(loaded / unloaded).toFixed(2)})`,
    );
    // a ratio measured in this test, plus a polling interval's slack for a very fast unloaded run
    expect(loaded).toBeLessThanOrEqual(3 * unloaded + 50);
  });
});

describe('the charge worker across restarts and replicas', () => {
  let fixture: PaymentsSagaFixture;
  beforeAll(async () => {
    fixture = await createPaymentsSagaFixture();
  });
  afterAll(() => fixture.close());

  it('charges the PENDING payments it finds when it starts, as after a restart', async () => {
    await fixture.charges.stop();
    const orders = Array.from({ length: 5 }, () => anOrder());
    for (const order of orders) {
      await fixture.saga.handle(order.placed);
      await fixture.saga.handle(order.reserved);
    }
    for (const order of orders) expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'PENDING' });
    const restarted = startChargeWorker({
      pool: fixture.pool,
      processor: fixture.processor,
      paymentTimeoutMs: 30_000,
      log,
    });
    try {
      for (const order of orders) await fixture.chargeSettled(order.orderId);
    } finally {
      await restarted.stop();
    }
    for (const order of orders) expect(await fixture.paymentOf(order.orderId)).toMatchObject({ status: 'CAPTURED' });
  });

  it('never lets two workers charge one payment: each of 30 orders is asked for once', async () => {
    await fixture.charges.stop();
    const calls = new Map<string, number>();
    const counted: CardProcessor = {
      charge: (input) => {
        calls.set(input.idempotencyKey, (calls.get(input.idempotencyKey) ?? 0) + 1);
        return fixture.processor.charge(input);
      },
      refund: (input) => fixture.processor.refund(input),
      findCharge: (key) => fixture.processor.findCharge(key),
    };
    const workers = [1, 2].map(() =>
      startChargeWorker({ pool: fixture.pool, processor: counted, paymentTimeoutMs: 30_000, log, pollIntervalMs: 5 }),
    );
    const orders = Array.from({ length: 30 }, () => anOrder());
    try {
      await Promise.all(
        orders.map(async (order) => {
          await fixture.saga.handle(order.placed);
          await fixture.saga.handle(order.reserved);
        }),
      );
      for (const order of orders) await fixture.chargeSettled(order.orderId);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    expect(orders.map((order) => calls.get(order.orderId))).toEqual(orders.map(() => 1));
  });

  it('keeps at most maxInFlight charges waiting on the processor, leasing no more', async () => {
    await fixture.charges.stop();
    const inFlight = new Set<string>();
    const hanging: CardProcessor = {
      // never answers: every charge it is asked for stays in flight
      charge: (input) => {
        inFlight.add(input.idempotencyKey);
        return new Promise(() => undefined);
      },
      refund: (input) => fixture.processor.refund(input),
      findCharge: (key) => fixture.processor.findCharge(key),
    };
    const worker = startChargeWorker({
      pool: fixture.pool,
      processor: hanging,
      paymentTimeoutMs: 600_000,
      log,
      maxInFlight: 2,
    });
    const orders = Array.from({ length: 5 }, () => anOrder());
    for (const order of orders) {
      await fixture.saga.handle(order.placed);
      await fixture.saga.handle(order.reserved);
      worker.wake();
    }
    await waitFor(() => inFlight.size === 2, { what: 'two charges in flight' });
    const { rows } = await fixture.pool.query<{ leased: number }>(
      `select count(*)::int as leased from payments where order_id = any($1::uuid[]) and charge_lease_until is not null`,
      [orders.map((order) => order.orderId)],
    );
    expect(rows).toEqual([{ leased: 2 }]);
    expect(inFlight.size).toBe(2);
    // its two charges never end: stopping it is left to the pool's end with the fixture
    void worker.stop();
  });
});
