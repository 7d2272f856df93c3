import type { Pool } from 'pg';
import type { SubscribeOptions } from '@shopgraph/event-bus/event-bus';
import { consumeInTransaction } from '@shopgraph/outbox/consume-in-transaction';
import type { ConsumeOutcome } from '@shopgraph/outbox/consume-in-transaction';
import { isAppError } from '@shopgraph/service-kit/app-error';
import type { Logger } from '@shopgraph/service-kit/logger';
import { SAGA_EVENTS, sagaStep } from '../../application/saga-step';
import type { SagaEvent, SagaStepResult } from '../../application/saga-step';
import type { Settlement, SettlementObserver } from '../metrics/saga-metrics';
import { storeOrderChange } from '../prisma/pg-order-store';
import { lockOrder } from '../prisma/order-store-sql';

export const ORDERS_SAGA_CONSUMER = 'orders-saga';

export interface OrdersSagaConsumerDeps {
  readonly pool: Pool;
  readonly log: Logger;
  /** Default: the system clock. */
  readonly now?: () => Date;
  /** Told of each committed change, for the saga's metrics. Default: nothing. */
  readonly onSettled?: SettlementObserver;
}

/** The handler alone, for tests: what the subscription runs for each event. */
export type SagaHandler = (event: SagaEvent) => Promise<ConsumeOutcome>;

/**
 * Orders' part of the saga (decision 0016): stock and payment outcomes move the order through
 * its state machine. Each event is one transaction: claim its ID → lock the order row → store
 * the new state and log rows → append the events it causes.
 */
export function ordersSagaConsumer(deps: OrdersSagaConsumerDeps): SubscribeOptions<(typeof SAGA_EVENTS)[number]> {
  const handle = ordersSagaHandler(deps);
  return {
    consumer: ORDERS_SAGA_CONSUMER,
    events: SAGA_EVENTS,
    handle: async (event) => {
      await handle(event);
    },
  };
}

export function ordersSagaHandler(deps: OrdersSagaConsumerDeps): SagaHandler {
  const { onSettled = () => {} } = deps;
  const step = sagaTransaction(deps);
  return async (event) => {
    const committed: Settlement[] = [];
    const outcome = await step(event, (settlement) => committed.push(settlement));
    // counted once the transaction committed: a rolled-back step is delivered again
    committed.forEach(onSettled);
    return outcome;
  };
}

function sagaTransaction({ pool, log, now = () => new Date() }: OrdersSagaConsumerDeps) {
  return (event: SagaEvent, changed: SettlementObserver) =>
    consumeInTransaction({ pool, consumer: ORDERS_SAGA_CONSUMER, event }, async (client) => {
      const { orderId } = event.payload;
      const order = await lockOrder(client, orderId);
      // orders commits an order before its order.placed, so this is a delivery out of its
      // stream's order: throwing rolls the claim back and the bus delivers it again later
      if (order === undefined) throw new Error(`${event.type} ${event.id} names unknown order ${orderId}`);
      const at = now();
      const step = stepOrRefusal({ order, event, at });
      if (step instanceof Error) {
        // a redelivery would be refused again: the event is acknowledged (its claim commits)
        // without effect, and an operator reads the warning
        const refusal = { eventId: event.id, type: event.type, orderId, status: order.status, reason: step.message };
        log.warn(refusal, 'the order state machine refused a saga event; acknowledged without effect');
        return [];
      }
      if (step.late !== undefined) {
        // events race each other and repeat: a late fact is normal, and only logged
        log.info({ eventId: event.id, type: event.type, orderId, why: step.late }, 'late saga event: no change');
      }
      // storeOrderChange appends the events itself, with the commit: nothing left to append
      const events = await storeOrderChange(client, step.change, order);
      changed({ events, placedAt: order.createdAt, at });
      return [];
    });
}

/** The step, or the CONFLICT with which the state machine refused it. */
function stepOrRefusal(input: Parameters<typeof sagaStep>[0]): SagaStepResult | Error {
  try {
    return sagaStep(input);
  } catch (error) {
    if (isAppError(error) && error.kind === 'conflict') return error;
    throw error;
  }
}
