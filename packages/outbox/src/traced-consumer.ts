import type { Tracer } from '@opentelemetry/api';
import type { SubscribeOptions } from '@shopgraph/event-bus/event-bus';
import type { AnyEventContract } from '@shopgraph/events/define-event';
import { inSpan } from '@shopgraph/service-kit/tracing/in-span';
import { messagingSpan } from './messaging-span';

/**
 * The consumer with each event handled inside a consumer span that continues the event's trace
 * (decision 0031): its SQL, and the events it writes to the outbox, join the same trace. A
 * failure is recorded on the span; the bus then retries as always. Unchanged without a tracer.
 */
export function tracedConsumer<C extends AnyEventContract>(
  consumer: SubscribeOptions<C>,
  tracer: Tracer | undefined,
): SubscribeOptions<C> {
  if (!tracer) return consumer;
  return {
    ...consumer,
    handle: (event) => {
      if (!event.traceContext) return consumer.handle(event);
      return inSpan(tracer, messagingSpan(event, { operation: 'process', consumer: consumer.consumer }), () =>
        consumer.handle(event),
      );
    },
  };
}
