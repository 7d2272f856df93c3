import type { EventBus, Subscription } from '@shopgraph/event-bus/event-bus';
import type { EventOf } from '@shopgraph/events/define-event';
import { orderEventRecordedV1 } from '@shopgraph/events/order-events';
import type { OrderEventLog } from '../../application/ports';
import type { RecordedOrderEvent } from '../../domain/order-event-log';
import { createLiveOrderSequencer } from './live-order-sequencer';
import type { LiveOrderSequencerOptions } from './live-order-sequencer';

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

export interface WatchOrderEventsOptions {
  readonly bus: EventBus;
  /** The log: its last sequence marks where the watch starts, and it fills any gap the bus leaves. */
  readonly log: Pick<OrderEventLog, 'readAfter'> & { lastSequence(): Promise<number> };
  readonly hub: LiveOrderSequencerOptions['hub'];
  readonly onGapLost?: (error: unknown) => void;
}

/**
 * Feeds this process's live subscriptions from the bus: a watch, not a durable consumer,
 * because every replica must see every event and a missed one is replayed from the log by
 * the subscription that resumes with `after`. The announcements only wake the feed: the rows
 * reach the hub in the log's order, with any the bus reordered or dropped read from the log.
 */
export async function watchOrderEvents(options: WatchOrderEventsOptions): Promise<Subscription> {
  const sequencer = createLiveOrderSequencer({ ...options, after: await options.log.lastSequence() });
  const watch = await options.bus.watch({
    events: [orderEventRecordedV1],
    handle: (event) => sequencer.announce(toRecordedOrderEvent(event)),
  });
  return {
    stop: async () => {
      await watch.stop();
      await sequencer.settled();
    },
  };
}
