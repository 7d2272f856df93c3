import type { Pool, PoolClient } from 'pg';
import type { SubscribeOptions } from '@shopgraph/event-bus/event-bus';
import type { EventOf } from '@shopgraph/events/define-event';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { orderCancelledV1, orderPlacedV1 } from '@shopgraph/events/order-events';
import { stockRejectedV1, stockRejectedV2, stockReservedV1 } from '@shopgraph/events/stock-events';
import { consumeInTransaction } from '@shopgraph/outbox/consume-in-transaction';
import { newId } from '@shopgraph/service-kit/ids';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { CardProcessor } from '../../application/card-processor';
import { dueCharge } from '../../domain/payment-request';
import { settleCancellation } from '../../domain/payment-settlement';
import { recordRequestFact } from '../prisma/payment-request-sql';
import type { RequestFact } from '../prisma/payment-request-sql';
import { insertPendingPayment, lockSagaPayment } from '../prisma/saga-payment-sql';
import { applyPaymentStep } from './apply-payment-step';

export const PAYMENTS_SAGA_CONSUMER = 'payments-saga';

// stock.rejected v2 (decision 0022) is handled as v1: whatever the reason, nothing is charged
const CONTRACTS = [orderPlacedV1, stockReservedV1, stockRejectedV1, stockRejectedV2, orderCancelledV1] as const;
type SagaContract = (typeof CONTRACTS)[number];
type SagaEvent = EventOf<SagaContract>;

export interface PaymentsSagaDeps {
  readonly pool: Pool;
  /** Refunds a captured payment when its order is cancelled. */
  readonly processor: CardProcessor;
  readonly log: Logger;
  /** Told after a commit that made a charge due: the charge worker's `wake`. Default: nobody (it polls). */
  readonly onChargeDue?: () => void;
}

/**
 * The payments side of the order saga, as a bus subscription. (A type alias, not an interface
 * extending SubscribeOptions: TypeScript then compares it to the `SubscribeOptions` of any
 * contract by the contract's variance, as `startMessaging`'s `consumers` needs.)
 */
export type PaymentsSagaConsumer = SubscribeOptions<SagaContract>;

/**
 * Payments in the order saga (decisions 0016, 0021), in any arrival order: each event records
 * what it tells about the order's payment request; once order.placed and stock.reserved are both
 * known, a PENDING payment is opened, a charge due that the charge worker makes off this path.
 * stock.rejected and order.cancelled close the request, even before anything else arrived, so a
 * late order.placed or stock.reserved never charges; order.cancelled also refunds a capture and
 * abandons a pending charge. Every step is idempotent and none waits on the processor's charge.
 */
export function paymentsSagaConsumer(deps: PaymentsSagaDeps): PaymentsSagaConsumer {
  return {
    consumer: PAYMENTS_SAGA_CONSUMER,
    events: CONTRACTS,
    handle: (event) => handleSagaEvent(deps, event),
  };
}

function factOf(event: SagaEvent): RequestFact {
  switch (event.type) {
    case 'order.placed':
      return { kind: 'placed', customerId: event.payload.customerId, token: event.payload.paymentToken };
    case 'stock.reserved':
      return { kind: 'priced', amount: event.payload.total, currency: event.payload.currency };
    case 'stock.rejected':
    case 'order.cancelled':
      return { kind: 'closed' };
  }
}

async function handleSagaEvent(deps: PaymentsSagaDeps, event: SagaEvent): Promise<void> {
  const { pool, onChargeDue } = deps;
  const { orderId } = event.payload;
  let opened = false;
  await consumeInTransaction({ pool, consumer: PAYMENTS_SAGA_CONSUMER, event }, async (client) => {
    // first, for every event: the request's row lock orders this order's steps
    const request = await recordRequestFact(client, { orderId, fact: factOf(event) });
    if (event.type === 'order.cancelled')
      return settleOrderCancelled(client, { deps, orderId, reason: event.payload.reason });
    const charge = dueCharge(request);
    if (charge) opened = await insertPendingPayment(client, { id: newId(), orderId, ...charge });
    return [];
  });
  if (opened) onChargeDue?.();
}

/**
 * order.cancelled, with the request closed already: refund a captured payment or abandon a
 * pending one (its charge, if under way, is refunded when it captures). The processor's refund
 * runs inside this transaction, which is safe because it is idempotent: a retry after a
 * rollback refunds once.
 */
async function settleOrderCancelled(
  client: PoolClient,
  { deps, orderId, reason }: { readonly deps: PaymentsSagaDeps; readonly orderId: string; readonly reason: string },
): Promise<EventEnvelope[]> {
  const payment = await lockSagaPayment(client, orderId);
  if (!payment) return [];
  const step = settleCancellation(payment.status, reason);
  if (step.kind === 'none')
    deps.log.debug({ orderId, status: payment.status }, 'late order.cancelled: nothing to undo');
  return applyPaymentStep(client, { payment, step, processor: deps.processor });
}
