import type { PoolClient } from 'pg';
import { paymentCapturedV1, paymentFailedV1, paymentRefundedV1 } from '@shopgraph/events/payment-events';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import type { CardProcessor } from '../../application/card-processor';
import type { PaymentStep } from '../../domain/payment-settlement';
import { updateSagaPayment } from '../prisma/saga-payment-sql';
import type { SagaPaymentRow } from '../prisma/saga-payment-sql';

export interface ApplyPaymentStepInput {
  /** The payment, locked by `client`'s transaction. */
  readonly payment: SagaPaymentRow;
  readonly step: PaymentStep;
  readonly processor: CardProcessor;
  /** The charge the processor just answered for, when the step follows a charge. */
  readonly chargeId?: string | undefined;
}

/**
 * Carries out `step` on a locked payment and returns the events it caused, for the caller to
 * append in the same transaction. A refund calls the processor inside that transaction: the
 * refund is idempotent (one per charge whatever the key), so if the transaction then rolls
 * back, the retried step refunds nothing twice and still records the refund.
 */
export async function applyPaymentStep(client: PoolClient, input: ApplyPaymentStepInput): Promise<EventEnvelope[]> {
  const { payment, step, chargeId } = input;
  const { id, orderId, amount, currency } = payment;
  const settled = { aggregateId: orderId, payload: { orderId, paymentId: id, amount, currency } };
  switch (step.kind) {
    case 'none':
      return [];
    case 'capture':
      await updateSagaPayment(client, { id, status: 'CAPTURED', chargeId });
      return [paymentCapturedV1.create(settled)];
    case 'fail':
      await updateSagaPayment(client, { id, status: 'FAILED', failureReason: step.reason, chargeId });
      return [
        paymentFailedV1.create({ aggregateId: orderId, payload: { orderId, paymentId: id, reason: step.reason } }),
      ];
    case 'abandon':
      // the order is cancelled already: nobody waits for this payment's outcome
      await updateSagaPayment(client, { id, status: 'FAILED', failureReason: step.reason, chargeId });
      return [];
    case 'refund':
      await refund(client, { ...input, chargeId: chargeId ?? payment.chargeId ?? undefined });
      return [paymentRefundedV1.create(settled)];
  }
}

async function refund(client: PoolClient, input: ApplyPaymentStepInput): Promise<void> {
  const { payment, processor, chargeId } = input;
  if (chargeId === undefined) throw new Error(`Payment ${payment.id} has no charge to refund.`);
  await processor.refund({ idempotencyKey: `refund:${payment.orderId}`, chargeId });
  await updateSagaPayment(client, { id: payment.id, status: 'REFUNDED', chargeId });
}
