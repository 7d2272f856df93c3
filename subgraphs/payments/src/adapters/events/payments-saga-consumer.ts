import type { Pool } from 'pg';
import type { SubscribeOptions } from '@shopgraph/event-bus/event-bus';
import type { EventOf } from '@shopgraph/events/define-event';
import { orderCancelledV1, orderPlacedV1 } from '@shopgraph/events/order-events';
import { stockRejectedV1, stockRejectedV2, stockReservedV1 } from '@shopgraph/events/stock-events';
import { consumeInTransaction } from '@shopgraph/outbox/consume-in-transaction';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { CardProcessor } from '../../application/card-processor';
import { settleCancellation } from '../../domain/payment-settlement';
import {
  closePaymentRequest,
  insertPaymentRequest,
  lockPaymentRequest,
  missingRequest,
} from '../prisma/payment-request-sql';
import { lockSagaPayment } from '../prisma/saga-payment-sql';
import { applyPaymentStep } from './apply-payment-step';
import { BackgroundTasks } from './background-tasks';
import { chargeOnStockReserved } from './charge-on-stock-reserved';
import { OneAtATime } from './one-at-a-time';
import type { SagaStepContext } from './charge-on-stock-reserved';

export const PAYMENTS_SAGA_CONSUMER = 'payments-saga';

// stock.rejected v2 (decision 0022) is handled as v1: whatever the reason, nothing is charged
const CONTRACTS = [orderPlacedV1, stockReservedV1, stockRejectedV1, stockRejectedV2, orderCancelledV1] as const;
type SagaContract = (typeof CONTRACTS)[number];
type SagaEvent = EventOf<SagaContract>;

export interface PaymentsSagaDeps {
  readonly pool: Pool;
  readonly processor: CardProcessor;
  /** How long a charge may take before its payment FAILS with `payment_timeout`. */
  readonly paymentTimeoutMs: number;
  readonly log: Logger;
}

/**
 * The payments side of the order saga, as a bus subscription. (An intersection, not an interface
 * extending SubscribeOptions: TypeScript then compares it to the `SubscribeOptions` of any
 * contract by the contract's variance, as `startMessaging`'s `consumers` needs.)
 */
export type PaymentsSagaConsumer = SubscribeOptions<SagaContract> & {
  /** Resolves once every late capture started so far is settled: await it before closing the pool. */
  settled(): Promise<void>;
};

/**
 * Payments in the order saga (decision 0016): remembers each order's card from order.placed,
 * charges the total on stock.reserved, never charges an order rejected or cancelled first, and
 * refunds a capture the order no longer wants. Every step is idempotent.
 */
export function paymentsSagaConsumer(deps: PaymentsSagaDeps): PaymentsSagaConsumer {
  const background = new BackgroundTasks();
  const context: SagaStepContext = {
    ...deps,
    consumer: PAYMENTS_SAGA_CONSUMER,
    background,
    lateSettlements: new OneAtATime(),
  };
  return {
    consumer: PAYMENTS_SAGA_CONSUMER,
    events: CONTRACTS,
    handle: (event) => handleSagaEvent(context, event),
    settled: () => background.settled(),
  };
}

async function handleSagaEvent(context: SagaStepContext, event: SagaEvent): Promise<void> {
  const { pool, consumer } = context;
  const { orderId } = event.payload;
  switch (event.type) {
    case 'order.placed': {
      const { customerId, paymentToken: token } = event.payload;
      await consumeInTransaction({ pool, consumer, event }, async (client) => {
        await insertPaymentRequest(client, { orderId, customerId, token });
        return [];
      });
      return;
    }
    case 'stock.reserved':
      return chargeOnStockReserved(context, event);
    case 'stock.rejected':
      // no payment exists before stock.reserved: closing the request is all there is to undo
      await consumeInTransaction({ pool, consumer, event }, async (client) => {
        if (!(await closePaymentRequest(client, orderId))) throw missingRequest(orderId);
        return [];
      });
      return;
    case 'order.cancelled':
      await settleOrderCancelled(context, event);
      return;
  }
}

/**
 * order.cancelled: refund a captured payment, abandon a pending one, or, when there is no payment
 * yet, close the request so a later stock.reserved charges nothing. The request is locked first,
 * as stock.reserved does, so the two cannot interleave. The processor's refund runs inside this
 * transaction, which is safe because it is idempotent: a retry after a rollback refunds once.
 */
async function settleOrderCancelled(context: SagaStepContext, event: EventOf<typeof orderCancelledV1>): Promise<void> {
  const { pool, consumer, processor } = context;
  const { orderId, reason } = event.payload;
  await consumeInTransaction({ pool, consumer, event }, async (client) => {
    const request = await lockPaymentRequest(client, { orderId, mode: 'update' });
    const payment = await lockSagaPayment(client, orderId);
    if (payment)
      return applyPaymentStep(client, { payment, step: settleCancellation(payment.status, reason), processor });
    if (!request) throw missingRequest(orderId);
    await closePaymentRequest(client, orderId);
    return [];
  });
}
