import type { EventEnvelope } from '@shopgraph/events/envelope';
import type { Order } from '../domain/order';
import type { OrderEventType, OrderLogEntry } from '../domain/order-event-log';
import type { OrderChange } from './ports';

/** The log row that records `event` for `order`: same ID as the event, so a stream can resume past it. */
export function logEntry(
  order: Pick<Order, 'id' | 'customerId'>,
  event: Pick<EventEnvelope, 'id' | 'occurredAt'>,
  type: OrderEventType,
): OrderLogEntry {
  return {
    id: event.id,
    orderId: order.id,
    customerId: order.customerId,
    type,
    occurredAt: new Date(event.occurredAt),
  };
}

/** The order stays as it is; the log may still record what happened to it. */
export const unchanged = (order: Order, log: readonly OrderLogEntry[] = []): OrderChange => ({
  order,
  changed: false,
  events: [],
  log,
});

/** The order moved on, and says so in its log and, maybe, with events. */
export const changed = (
  order: Order,
  record: { readonly events?: readonly EventEnvelope[]; readonly log: readonly OrderLogEntry[] },
): OrderChange => ({ order, changed: true, events: record.events ?? [], log: record.log });
