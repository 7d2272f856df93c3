import type { Pool } from 'pg';
import type { SubscribeOptions } from '@shopgraph/event-bus/event-bus';
import type { EventOf } from '@shopgraph/events/define-event';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { orderCancelledV1, orderConfirmedV1, orderPlacedV1 } from '@shopgraph/events/order-events';
import { consumeInTransaction } from '@shopgraph/outbox/consume-in-transaction';
import type { Logger } from '@shopgraph/service-kit/logger';
import { lockOrderSteps } from '../prisma/order-history-sql';
import type { SagaClient } from '../prisma/stock-reservations-sql';
import { releaseStock, reserveStock, sellStock } from './products-saga-steps';

/** The durable consumer name of the products service in the order saga. */
export const PRODUCTS_SAGA = 'products-saga';

const SAGA_EVENTS = [orderPlacedV1, orderConfirmedV1, orderCancelledV1] as const;

export type ProductsSagaContract = (typeof SAGA_EVENTS)[number];
export type ProductsSagaEvent = EventOf<ProductsSagaContract>;

export interface ProductsSagaDeps {
  /** The products database: its stock, reservations, processed events and outbox. */
  readonly pool: Pool;
  readonly log: Logger;
}

async function stepFor(client: SagaClient, event: ProductsSagaEvent): Promise<EventEnvelope[]> {
  // events of one order may arrive at once and in any order: their steps take turns
  await lockOrderSteps(client, event.payload.orderId);
  switch (event.type) {
    case 'order.placed':
      return reserveStock(client, event.payload);
    case 'order.confirmed':
      return sellStock(client, event.payload);
    case 'order.cancelled':
      return releaseStock(client, event.payload);
  }
}

/**
 * The products service's consumer of the order saga: reserves, sells and releases stock. Each
 * event is handled in one transaction that claims its ID, so a redelivery changes nothing; a
 * failure rolls everything back and throws, so the bus delivers the event again.
 */
export function productsSagaConsumer({ pool, log }: ProductsSagaDeps): SubscribeOptions<ProductsSagaContract> {
  return {
    consumer: PRODUCTS_SAGA,
    events: SAGA_EVENTS,
    handle: async (event) => {
      let emitted: readonly EventEnvelope[] = [];
      const outcome = await consumeInTransaction({ pool, consumer: PRODUCTS_SAGA, event }, async (client) => {
        emitted = await stepFor(client, event);
        return emitted;
      });
      log.info(
        {
          eventId: event.id,
          type: event.type,
          orderId: event.aggregateId,
          outcome,
          emitted: emitted.map((e) => e.type),
        },
        'order saga event handled',
      );
    },
  };
}
