import { trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import type { EventBus } from '@shopgraph/event-bus/event-bus';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { recordFailure } from '@shopgraph/service-kit/tracing/in-span';
import { currentTraceContext } from '@shopgraph/service-kit/tracing/trace-context';
import { messagingSpan } from './messaging-span';

/**
 * Publishes `events` in their order in one broker call, each traced event inside its own
 * producer span, child of the span that wrote it to the outbox, whose context the envelope then
 * carries: the consumers' spans hang under the publish that reached them (decision 0031). An
 * event written outside any trace starts none. The spans end when the batch is stored (or
 * failed, recorded on each).
 */
export function tracedPublishAll(bus: Pick<EventBus, 'publishAll'>, tracer: Tracer | undefined) {
  return async (events: readonly EventEnvelope[]): Promise<void> => {
    const spans = events.map((event) => producerSpan(tracer, event));
    const sent = events.map((event, index) => {
      const span = spans[index];
      if (!span) return event;
      return {
        ...event,
        traceContext: currentTraceContext(trace.setSpan(span.parent, span.span)) ?? event.traceContext,
      };
    });
    try {
      await bus.publishAll(sent);
    } catch (error) {
      for (const span of spans) if (span) recordFailure(span.span, error);
      throw error;
    } finally {
      for (const span of spans) span?.span.end();
    }
  };
}

function producerSpan(tracer: Tracer | undefined, event: EventEnvelope) {
  if (!tracer || !event.traceContext) return undefined;
  const { name, parent, ...options } = messagingSpan(event, { operation: 'send' });
  if (!parent) return undefined;
  const span: Span = tracer.startSpan(name, options, parent);
  return { span, parent };
}
