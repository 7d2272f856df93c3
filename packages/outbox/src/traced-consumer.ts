import { SpanKind } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import type { SubscribeOptions } from '@shopgraph/event-bus/event-bus';
import type { AnyEventContract } from '@shopgraph/events/define-event';
import { inSpan } from '@shopgraph/service-kit/tracing/in-span';
import { contextOf } from '@shopgraph/service-kit/tracing/trace-context';

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
      const span = {
        name: `process ${event.type}`,
        kind: SpanKind.CONSUMER,
        parent: contextOf(event.traceContext),
        attributes: {
          'messaging.operation.type': 'process',
          'messaging.destination.name': event.type,
          'messaging.consumer.group.name': consumer.consumer,
          'messaging.message.id': event.id,
          'shopgraph.aggregate_id': event.aggregateId,
        },
      };
      return inSpan(tracer, span, () => consumer.handle(event));
    },
  };
}
