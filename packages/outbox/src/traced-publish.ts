import type { Tracer } from '@opentelemetry/api';
import type { EventBus } from '@shopgraph/event-bus/event-bus';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { inSpan } from '@shopgraph/service-kit/tracing/in-span';
import { currentTraceContext } from '@shopgraph/service-kit/tracing/trace-context';
import { messagingSpan } from './messaging-span';

/**
 * Publishes `event` inside a producer span, child of the span that wrote it to the outbox, and
 * sends the producer span's context on in the envelope: the consumers' spans then hang under the
 * publish that reached them (decision 0031). An event written outside any trace starts none.
 */
export function tracedPublish(bus: Pick<EventBus, 'publish'>, tracer: Tracer | undefined) {
  return (event: EventEnvelope): Promise<void> => {
    if (!event.traceContext) return bus.publish(event);
    return inSpan(tracer, messagingSpan(event, { operation: 'send' }), () =>
      bus.publish({ ...event, traceContext: currentTraceContext() ?? event.traceContext }),
    );
  };
}
