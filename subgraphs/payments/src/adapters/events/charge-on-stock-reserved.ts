import type { Pool, PoolClient } from 'pg';
import type { EventOf } from '@shopgraph/events/define-event';
import type { stockReservedV1 } from '@shopgraph/events/stock-events';
import { appendToOutbox } from '@shopgraph/outbox/append-to-outbox';
import { consumeInTransaction } from '@shopgraph/outbox/consume-in-transaction';
import { inTransaction } from '@shopgraph/outbox/in-transaction';
import type { Logger } from '@shopgraph/service-kit/logger';
import { newId } from '@shopgraph/service-kit/ids';
import type { CardProcessor, ChargeResult } from '../../application/card-processor';
import { chargeWithinDeadline } from '../../application/charge-within-deadline';
import { settleCharge } from '../../domain/payment-settlement';
import type { ChargeOutcome } from '../../domain/payment-settlement';
import { lockPaymentRequest, missingRequest } from '../prisma/payment-request-sql';
import { findSagaPayment, insertPendingPayment, lockSagaPayment } from '../prisma/saga-payment-sql';
import type { SagaPaymentRow } from '../prisma/saga-payment-sql';
import { applyPaymentStep } from './apply-payment-step';
import type { BackgroundTasks } from './background-tasks';
import type { OneAtATime } from './one-at-a-time';

/** What the saga's steps run on. */
export interface SagaStepContext {
  readonly pool: Pool;
  readonly processor: CardProcessor;
  readonly paymentTimeoutMs: number;
  readonly log: Logger;
  /** The durable consumer name its events are claimed under. */
  readonly consumer: string;
  readonly background: BackgroundTasks;
  /** Late captures are settled through it, one at a time. */
  readonly lateSettlements: OneAtATime;
}

type StockReserved = EventOf<typeof stockReservedV1>;

/**
 * stock.reserved: charge the order's total, at most once, bounded by the payment timeout.
 *
 * 1. Open the PENDING payment (no claim yet), unless the order's request was closed.
 * 2. Charge outside any transaction, keyed by the order ID, raced against the timeout.
 * 3. Claim the event and settle the locked payment with the outcome, in one transaction.
 *
 * A crash before 3 commits redelivers the event and runs this again: 1 finds the payment, and the
 * processor answers its first answer to the same key, so the order is never charged twice.
 */
export async function chargeOnStockReserved(context: SagaStepContext, event: StockReserved): Promise<void> {
  const { pool, processor, paymentTimeoutMs, consumer } = context;
  const { orderId } = event.payload;
  const opened = await inTransaction(pool, (client) => openPayment(client, event));
  if (opened === 'closed' || opened.payment.status !== 'PENDING') {
    // rejected or cancelled before any charge, or settled by an earlier delivery: nothing to charge
    await consumeInTransaction({ pool, consumer, event }, async () => []);
    return;
  }
  const { payment, token } = opened;
  const charge = await chargeWithinDeadline({
    processor,
    charge: { idempotencyKey: orderId, amount: payment.amount, currency: payment.currency, token },
    timeoutMs: paymentTimeoutMs,
  });
  const chargeId = charge.outcome === 'timed_out' ? undefined : charge.result.chargeId;
  await consumeInTransaction({ pool, consumer, event }, (client) =>
    settleLocked(client, { context, orderId, outcome: charge.outcome, chargeId }),
  );
  context.log.info({ orderId, outcome: charge.outcome }, 'charge settled');
  if (charge.outcome === 'timed_out') {
    // only now, with the timeout committed, may the late answer be settled against it
    context.background.track(settleLateCharge(context, { orderId, late: charge.late }));
  }
}

type OpenedPayment = 'closed' | { readonly payment: SagaPaymentRow; readonly token: string };

async function openPayment(client: PoolClient, event: StockReserved): Promise<OpenedPayment> {
  const { orderId, total, currency } = event.payload;
  // shared lock: order.cancelled cannot close the request while this opens a payment from it
  const request = await lockPaymentRequest(client, { orderId, mode: 'share' });
  if (!request) throw missingRequest(orderId);
  if (request.state === 'closed') return 'closed';
  const { customerId, token } = request;
  await insertPendingPayment(client, { id: newId(), orderId, customerId, amount: total, currency });
  const payment = await findSagaPayment(client, orderId);
  if (!payment) throw new Error(`The payment of order ${orderId} vanished while it was opened.`);
  return { payment, token };
}

interface Settlement {
  readonly context: SagaStepContext;
  readonly orderId: string;
  readonly outcome: ChargeOutcome;
  readonly chargeId: string | undefined;
}

async function settleLocked(client: PoolClient, settlement: Settlement) {
  const { context, orderId, outcome, chargeId } = settlement;
  const payment = await lockSagaPayment(client, orderId);
  if (!payment) throw new Error(`The payment of order ${orderId} vanished before it was settled.`);
  const step = settleCharge(payment.status, outcome);
  return applyPaymentStep(client, { payment, step, processor: context.processor, chargeId });
}

/**
 * After a timeout the processor may still capture. Its answer is settled against the payment,
 * which the timeout FAILED: a capture is refunded (`payment.refunded`). This runs outside any
 * delivery, so it logs its failures rather than throwing them.
 */
async function settleLateCharge(
  context: SagaStepContext,
  { orderId, late }: { readonly orderId: string; readonly late: Promise<ChargeResult> },
): Promise<void> {
  const { pool, log } = context;
  try {
    const result = await late;
    // a late decline took nothing, and the payment has failed already
    if (result.status !== 'captured') return;
    await context.lateSettlements.run(() =>
      inTransaction(pool, async (client) => {
        const settlement = { context, orderId, outcome: 'captured' as const, chargeId: result.chargeId };
        await appendToOutbox(client, await settleLocked(client, settlement));
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      log.warn({ orderId }, 'late charge abandoned at shutdown');
      return;
    }
    log.error({ err: error, orderId }, 'late charge could not be settled: a capture may need a refund by hand');
  }
}
