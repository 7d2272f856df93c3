import { SpanKind } from '@opentelemetry/api';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import type { InSpanOptions } from '@shopgraph/service-kit/tracing/in-span';
import { contextOf } from '@shopgraph/service-kit/tracing/trace-context';

/**
 * The span of one event's publish (`send`, by the relay) or handling (`process`, by the named
 * consumer): a child of the trace context the event carries, with the messaging attributes of
 * the semantic conventions.
 */
export function messagingSpan(
  event: Pick<EventEnvelope, 'id' | 'type' | 'aggregateId' | 'traceContext'>,
  role: { readonly operation: 'send' } | { readonly operation: 'process'; readonly consumer: string },
): InSpanOptions {
  const sending = role.operation === 'send';
  return {
    name: `${sending ? 'publish' : 'process'} ${event.type}`,
    kind: sending ? SpanKind.PRODUCER : SpanKind.CONSUMER,
    parent: contextOf(event.traceContext),
    attributes: {
      'messaging.operation.type': role.operation,
      'messaging.destination.name': event.type,
      'messaging.message.id': event.id,
      'shopgraph.aggregate_id': event.aggregateId,
      ...(role.operation === 'process' ? { 'messaging.consumer.group.name': role.consumer } : {}),
    },
  };
}
