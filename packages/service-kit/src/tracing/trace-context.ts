import { ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';

/** A span's W3C trace context as it travels in a header or a message: `traceparent`, `tracestate`. */
export interface TraceContext {
  readonly traceparent: string;
  readonly tracestate?: string | undefined;
}

/**
 * The active span's context, to send along (an event envelope, a stored row); `undefined`
 * when there is none or tracing is off (the propagator is then a no-op and writes nothing).
 */
export function currentTraceContext(from: Context = context.active()): TraceContext | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  const { traceparent, tracestate } = carrier;
  if (traceparent === undefined) return undefined;
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/** The context a received trace context continues; the root context when there is none. */
export function contextOf(received: TraceContext | null | undefined): Context {
  if (!received) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { ...received });
}

/** The active trace context as a `jsonb` parameter: JSON, or SQL `null` outside any trace. */
export function traceContextColumn(): string | null {
  const traceContext = currentTraceContext();
  return traceContext ? JSON.stringify(traceContext) : null;
}
