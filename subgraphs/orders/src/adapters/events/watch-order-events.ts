import type { EventBus, Subscription } from '@shopgraph/event-bus/event-bus';
import type { EventOf } from '@shopgraph/events/define-event';
import { orderEventRecordedV1 } from '@shopgraph/events/order-events';
import type { RecordedOrderEvent } from '../../domain/order-event-log';

/** The log row an `order.event-recorded` announces; `occurredAt` is the row's, carried by the envelope. */
export function toRecordedOrderEvent(event: EventOf<typeof orderEventRecordedV1>): RecordedOrderEvent {
  const { orderId, customerId, orderEventId, sequence, orderEventType } = event.payload;
  return {
    id: orderEventId,
    sequence,
    orderId,
    customerId,
    type: orderEventType,
    occurredAt: new Date(event.occurredAt),
  };
}

/**
 * Feeds this process's live subscriptions from the bus: a watch, not a durable consumer,
 * because every replica must see every event and a missed one is replayed from the log by
 * the subscription that resumes with `after`.
 */
export function watchOrderEvents(
  bus: EventBus,
  hub: { publish(event: RecordedOrderEvent): void },
): Promise<Subscription> {
  return bus.watch({
    events: [orderEventRecordedV1],
    handle: (event) => hub.publish(toRecordedOrderEvent(event)),
  });
}
