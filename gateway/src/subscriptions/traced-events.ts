import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import type { SpanContext, Tracer } from '@opentelemetry/api';
import { inSpan } from '@shopgraph/service-kit/tracing/in-span';
import type { UpstreamEvent } from './upstream-subscription';

/** Names the spans of one subscription's events. */
export interface TracedSubscription {
  readonly tracer: Tracer | undefined;
  /** The subscription field (`myOrderEvents`). */
  readonly field: string;
  readonly requestId: string;
}

// the span of each upstream event, for the deliveries of the subscribers that share it
const eventSpans = new WeakMap<UpstreamEvent, SpanContext>();

/**
 * Completes an upstream event inside a span of its own, the root of a trace: the event comes
 * from a subscription, not from a request of this client. Shared completions run it once for
 * all the subscribers of one operation, so the `rest` fetches appear once under it.
 */
export function traceUpstreamEvent<T>(
  traced: TracedSubscription,
  event: UpstreamEvent,
  complete: () => Promise<T>,
): Promise<T> {
  const span = { name: `subscription event ${traced.field}`, kind: SpanKind.CONSUMER, parent: ROOT_CONTEXT };
  return inSpan(traced.tracer, span, (started) => {
    if (started) eventSpans.set(event, started.spanContext());
    return complete();
  });
}

/** One client's delivery of a completed event: a child of the event's span, from dequeue to hand-over. */
export function traceDelivery(traced: TracedSubscription, event: UpstreamEvent, startTime: number): void {
  const eventSpan = eventSpans.get(event);
  if (!traced.tracer || !eventSpan) return;
  traced.tracer
    .startSpan(
      `subscription delivery ${traced.field}`,
      { kind: SpanKind.PRODUCER, startTime, attributes: { 'shopgraph.request_id': traced.requestId } },
      trace.setSpanContext(ROOT_CONTEXT, eventSpan),
    )
    .end();
}
