import { appendToOutboxAtCommit } from '@shopgraph/outbox/append-to-outbox';
import { inTransaction } from '@shopgraph/outbox/in-transaction';
import { findAbandonedCharges, markReconciled } from '../prisma/abandoned-charges-sql';
import { lockSagaPayment } from '../prisma/saga-payment-sql';
import { settleLocked } from './charge-leased-payment';
import type { ChargeContext } from './charge-leased-payment';

/** Abandoned charges looked at per pass. */
const BATCH = 20;

/**
 * A process that dies while the processor answers a charge leaves a payment that may be
 * captured at the processor, although the order has since been cancelled (the payment FAILED).
 * No answer will ever settle it, so this asks the processor what it recorded under the order's
 * key and refunds a capture through the usual settlement (`payment.refunded`); a payment it
 * looked at is marked, so each is asked about once. A live late answer settles the same way,
 * under the same row lock, so the two cannot refund twice.
 */
export async function reconcileAbandonedCharges(context: ChargeContext): Promise<number> {
  const { pool, processor, log } = context;
  const orderIds = await findAbandonedCharges(pool, BATCH);
  for (const orderId of orderIds) {
    await inTransaction(pool, async (client) => {
      const payment = await lockSagaPayment(client, orderId);
      if (!payment || payment.status !== 'FAILED' || payment.chargeId !== null) return;
      const recorded = await processor.findCharge(orderId);
      if (recorded?.status === 'captured') {
        const settlement = { context, orderId, outcome: 'captured' as const, chargeId: recorded.chargeId };
        appendToOutboxAtCommit(client, await settleLocked(client, settlement));
        log.warn({ orderId }, 'an abandoned charge was captured: refunded');
      }
      await markReconciled(client, orderId);
    });
  }
  return orderIds.length;
}
