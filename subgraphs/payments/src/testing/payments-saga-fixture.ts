import { safeIntegerFromColumn } from '@shopgraph/service-kit/database/safe-integer';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { pino } from 'pino';
import { orderCancelledV1, orderPlacedV1 } from '@shopgraph/events/order-events';
import { stockRejectedV1, stockReservedV1 } from '@shopgraph/events/stock-events';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { newId } from '@shopgraph/service-kit/ids';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import type { CardProcessor } from '../application/card-processor';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import { SimulatedCardProcessor } from '../adapters/card-processor/simulated-card-processor';
import { startChargeWorker } from '../adapters/events/charge-worker';
import type { ChargeWorker } from '../adapters/events/charge-worker';
import { paymentsSagaConsumer } from '../adapters/events/payments-saga-consumer';
import type { PaymentsSagaConsumer } from '../adapters/events/payments-saga-consumer';
import { PrismaClient } from '../adapters/prisma/generated/client';

export interface PaymentsSagaFixture {
  readonly pool: Pool;
  readonly prisma: PrismaClient;
  readonly processor: SimulatedCardProcessor;
  readonly saga: PaymentsSagaConsumer;
  /** The charge worker the saga wakes: charges run here, off the consumer's path. */
  readonly charges: ChargeWorker;
  /** How many times the saga asked the processor to charge for this order (answered or not). */
  chargeCalls(orderId: string): number;
  /** The order's payment as the graph would show it, or null. */
  paymentOf(orderId: string): Promise<{ status: string; failureReason: string | null; amount: number } | null>;
  /** Waits until the order's payment exists and its charge was settled (it is not PENDING any more). */
  chargeSettled(orderId: string): Promise<void>;
  close(): Promise<void>;
}

export interface PaymentsSagaFixtureOptions {
  readonly paymentTimeoutMs?: number;
  readonly slowDelayMs?: number;
}

/** The payments saga consumer on a fresh payments database, with the simulated processor. */
export async function createPaymentsSagaFixture(
  options: PaymentsSagaFixtureOptions = {},
): Promise<PaymentsSagaFixture> {
  // far above any tok_visa answer on a busy machine, so only tok_slow ever times out
  const { paymentTimeoutMs = 30_000, slowDelayMs = 60_000 } = options;
  const database = await createTestDatabase('payments');
  // concurrent deliveries must really run concurrently, not queue behind a few connections
  const pool = createServicePool(database.url, { max: 30 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const processor = new SimulatedCardProcessor({ prisma, slowDelayMs });
  const chargeCalls = new Map<string, number>();
  const counted: CardProcessor = {
    charge: (input) => {
      chargeCalls.set(input.idempotencyKey, (chargeCalls.get(input.idempotencyKey) ?? 0) + 1);
      return processor.charge(input);
    },
    refund: (input) => processor.refund(input),
    findCharge: (key) => processor.findCharge(key),
  };
  const log = pino({ level: 'silent' });
  const charges = startChargeWorker({ pool, processor: counted, paymentTimeoutMs, log });
  const saga = paymentsSagaConsumer({ pool, processor: counted, log, onChargeDue: () => charges.wake() });
  const paymentOf: PaymentsSagaFixture['paymentOf'] = async (orderId) => {
    const payment = await prisma.payment.findUnique({
      where: { orderId },
      select: { status: true, failureReason: true, amount: true },
    });
    return payment && { ...payment, amount: safeIntegerFromColumn(payment.amount, 'payments.amount') };
  };
  return {
    pool,
    prisma,
    processor,
    saga,
    charges,
    chargeCalls: (orderId) => chargeCalls.get(orderId) ?? 0,
    paymentOf,
    chargeSettled: (orderId) =>
      waitFor(async () => ((await paymentOf(orderId))?.status ?? 'PENDING') !== 'PENDING', {
        what: `the charge of order ${orderId} to be settled`,
      }),
    close: async () => {
      processor.close();
      await charges.stop();
      await prisma.$disconnect();
      await pool.end();
      await database.drop();
    },
  };
}

/** An order on its way through the saga: builds the events payments receives about it. */
export function anOrder({ token = 'tok_visa', total = 4_200 }: { token?: string; total?: number } = {}) {
  const orderId = newId();
  const customerId = newId();
  const productId = newId();
  const event = { aggregateId: orderId };
  return {
    orderId,
    customerId,
    placed: orderPlacedV1.create({
      ...event,
      payload: { orderId, customerId, lines: [{ productId, quantity: 2 }], paymentToken: token },
    }),
    reserved: stockReservedV1.create({
      ...event,
      payload: {
        orderId,
        lines: [{ productId, quantity: 2, unitPrice: total / 2, currency: 'EUR' }],
        total,
        currency: 'EUR',
      },
    }),
    rejected: stockRejectedV1.create({ ...event, payload: { orderId, reason: 'out_of_stock' } }),
    cancelled: (reason = 'cancelled_by_customer') =>
      orderCancelledV1.create({ ...event, payload: { orderId, reason } }),
  };
}

/** The events payments appended for an order, oldest first, as type and payload. */
export async function outboxFor(pool: Pool, orderId: string): Promise<{ type: string; payload: unknown }[]> {
  const { rows } = await pool.query<{ type: string; payload: unknown }>(
    'select type, payload from outbox where aggregate_id = $1 order by sequence',
    [orderId],
  );
  return rows;
}
