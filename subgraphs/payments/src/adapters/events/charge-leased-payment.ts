import { trace } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import type { Pool, PoolClient } from 'pg';
import { appendToOutboxAtCommit } from '@shopgraph/outbox/append-to-outbox';
import { inTransaction } from '@shopgraph/outbox/in-transaction';
import type { Logger } from '@shopgraph/service-kit/logger';
import { inSpan } from '@shopgraph/service-kit/tracing/in-span';
import { contextOf } from '@shopgraph/service-kit/tracing/trace-context';
import type { CardProcessor, ChargeResult } from '../../application/card-processor';
import { chargeWithinDeadline } from '../../application/charge-within-deadline';
import { settleCharge } from '../../domain/payment-settlement';
import type { ChargeOutcome } from '../../domain/payment-settlement';
import type { LeasedCharge } from '../prisma/charge-queue-sql';
import { lockSagaPayment } from '../prisma/saga-payment-sql';
import { applyPaymentStep } from './apply-payment-step';
import type { BackgroundTasks } from './background-tasks';
import type { OneAtATime } from './one-at-a-time';

/** What a charge runs on. */
export interface ChargeContext {
  readonly pool: Pool;
  readonly processor: CardProcessor;
  readonly paymentTimeoutMs: number;
  readonly log: Logger;
  /** Late captures still settling, for a stopping service to wait on. */
  readonly background: BackgroundTasks;
  /** Late captures are settled through it, one at a time. */
  readonly lateSettlements: OneAtATime;
  /** Charges a traced payment in a span of its trace (decision 0031). Default: none, tracing off. */
  readonly tracer?: Tracer | undefined;
}

/**
 * Charges one leased PENDING payment, outside any transaction and outside any bus handler,
 * keyed by the order ID and raced against the payment timeout; then settles the locked payment
 * with the outcome and appends the event it caused, in one transaction (decision 0021).
 *
 * The payment may have moved meanwhile (the order cancelled: FAILED): the settlement rules then
 * refund a capture and ignore anything else. A crash before the settlement commits leaves the
 * payment PENDING; once its lease runs out a worker charges it again, and the processor answers
 * its first answer to the same key, so the order is never charged twice.
 */
export function chargeLeasedPayment(context: ChargeContext, leased: LeasedCharge): Promise<void> {
  const { traceContext, traceLink, orderId } = leased;
  // two events made the charge due: the later one is its parent, the other a link
  const link = trace.getSpanContext(contextOf(traceLink));
  const span = {
    name: 'charge',
    parent: contextOf(traceContext),
    attributes: { 'shopgraph.order_id': orderId },
    ...(link ? { links: [{ context: link }] } : {}),
  };
  return inSpan(traceContext ? context.tracer : undefined, span, () => charge(context, leased));
}

async function charge(context: ChargeContext, leased: LeasedCharge): Promise<void> {
  const { processor, paymentTimeoutMs, pool } = context;
  const { orderId, amount, currency, token } = leased;
  const charge = await chargeWithinDeadline({
    processor,
    charge: { idempotencyKey: orderId, amount, currency, token },
    timeoutMs: paymentTimeoutMs,
  });
  const chargeId = charge.outcome === 'timed_out' ? undefined : charge.result.chargeId;
  await inTransaction(pool, async (client) => {
    appendToOutboxAtCommit(client, await settleLocked(client, { context, orderId, outcome: charge.outcome, chargeId }));
  });
  context.log.info({ orderId, outcome: charge.outcome }, 'charge settled');
  if (charge.outcome === 'timed_out') {
    // only now, with the timeout committed, may the late answer be settled against it
    context.background.track(settleLateCharge(context, { orderId, late: charge.late }));
  }
}

interface Settlement {
  readonly context: ChargeContext;
  readonly orderId: string;
  readonly outcome: ChargeOutcome;
  readonly chargeId: string | undefined;
}

/** Settles the order's locked payment with a charge's outcome; returns the events it caused. */
export async function settleLocked(client: PoolClient, settlement: Settlement) {
  const { context, orderId, outcome, chargeId } = settlement;
  const payment = await lockSagaPayment(client, orderId);
  if (!payment) throw new Error(`The payment of order ${orderId} vanished before it was settled.`);
  const step = settleCharge(payment.status, outcome);
  return applyPaymentStep(client, { payment, step, processor: context.processor, chargeId });
}

/**
 * After a timeout the processor may still capture. Its answer is settled against the payment,
 * which the timeout FAILED: a capture is refunded (`payment.refunded`). This runs after the
 * charge's own settlement, so it logs its failures rather than throwing them.
 */
async function settleLateCharge(
  context: ChargeContext,
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
        appendToOutboxAtCommit(client, await settleLocked(client, settlement));
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
