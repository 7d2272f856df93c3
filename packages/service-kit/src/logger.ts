import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

// a line logged inside a span names it, so the log and the trace join (no span: nothing, no cost)
const traceIds = (): Record<string, string> => {
  const span = trace.getActiveSpan()?.spanContext();
  return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
};

/** One JSON logger per service; `LOG_LEVEL` picks the level (default `info`). */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, base: { service: name }, mixin: traceIds });
}
