import { SpanStatusCode, context as contexts, trace } from '@opentelemetry/api';
import type { Context, Span, SpanOptions, Tracer } from '@opentelemetry/api';

/** Options of {@link inSpan}. */
export interface InSpanOptions extends SpanOptions {
  readonly name: string;
  /** The span's parent context. Default: the active one. */
  readonly parent?: Context;
}

/** Marks `span` failed with `error`, as an exception event and an error status. */
export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Runs `work` inside a new active span that ends when it settles, a failure recorded on it.
 * Without a tracer (tracing off) it only runs `work`: no span, no context switch.
 */
export function inSpan<T>(
  tracer: Tracer | undefined,
  options: InSpanOptions,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!tracer) return work(undefined);
  const { name, parent = contexts.active(), ...spanOptions } = options;
  const span = tracer.startSpan(name, spanOptions, parent);
  return contexts.with(trace.setSpan(parent, span), async () => {
    try {
      return await work(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
