import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, propagation, trace } from '@opentelemetry/api';
import type { Context, Span, Tracer } from '@opentelemetry/api';

/** How a server treats a caller's `traceparent` (decision 0030). */
export type CallerTraceContext =
  /** continue it: the caller is ours and signs its requests (a subgraph behind the gateway) */
  | 'continue'
  /** start a new trace, linked to the caller's: a public endpoint must not let clients pick what is sampled */
  | 'link';

/** Options of {@link startServerSpan}. */
export interface ServerSpanOptions {
  readonly tracer: Tracer;
  readonly requestId: string;
  readonly callerContext: CallerTraceContext;
}

const headerGetter = {
  keys: (carrier: IncomingMessage['headers']) => Object.keys(carrier),
  get: (carrier: IncomingMessage['headers'], key: string) => carrier[key],
};

/**
 * The span of one HTTP request, ended when its response is closed with the response's status.
 * Returns the context that makes it active, for the rest of the request's work.
 */
export function startServerSpan(req: IncomingMessage, res: ServerResponse, options: ServerSpanOptions): Context {
  const { tracer, requestId, callerContext } = options;
  const caller = propagation.extract(ROOT_CONTEXT, req.headers, headerGetter);
  const callerSpan = trace.getSpanContext(caller);
  const parent = callerContext === 'continue' ? caller : ROOT_CONTEXT;
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const span: Span = tracer.startSpan(
    `${method} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'url.path': path, 'shopgraph.request_id': requestId },
      ...(callerContext === 'link' && callerSpan ? { links: [{ context: callerSpan }] } : {}),
    },
    parent,
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return trace.setSpan(parent, span);
}
