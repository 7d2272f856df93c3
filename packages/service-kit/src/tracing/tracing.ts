import type { Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { Sampler, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import api from './opentelemetry-api-commonjs.cjs';
import type { TracingConfig } from './tracing-config';

/** Options of {@link startTracing}. */
export interface StartTracingOptions {
  readonly config: TracingConfig;
  /**
   * The service whose provider also serves libraries that trace through the global API
   * (`@apollo/gateway`'s spans): the process's own service, `gateway` where the gateway runs.
   */
  readonly globalService: string;
  /** Tests: every service's spans go to this exporter, unbatched, whatever `config.exporter` says. */
  readonly exporter?: SpanExporter;
}

interface Tracing {
  readonly providers: Map<string, TracerProvider>;
  readonly provide: (service: string) => TracerProvider;
}

let active: Tracing | undefined;

// The API ships a CommonJS and an ES build, each with its own stand-in for the global provider.
// `@apollo/gateway` is CommonJS and takes its tracer from the CommonJS stand-in when it loads,
// before tracing starts; only a registration through that build hands its spans to ours. The
// registry itself is shared (on globalThis), so the ES build sees everything registered here.
// The shim is a plain `require`, which esbuild bundles: an image has no node_modules to search.

function samplerOf({ sampler, ratio }: TracingConfig): Sampler {
  const ratioSampler = new TraceIdRatioBasedSampler(ratio);
  const roots: Record<string, Sampler> = {
    always_on: new AlwaysOnSampler(),
    always_off: new AlwaysOffSampler(),
    traceidratio: ratioSampler,
  };
  const [, parentBased, root] = /^(parentbased_)?(.+)$/.exec(sampler) ?? [];
  const rootSampler = roots[root ?? 'always_on'] ?? ratioSampler;
  return parentBased ? new ParentBasedSampler({ root: rootSampler }) : rootSampler;
}

function processorOf(options: StartTracingOptions): SpanProcessor {
  if (options.exporter) return new SimpleSpanProcessor({ exporter: options.exporter });
  // the OTLP exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS and _TIMEOUT itself
  const exporter = options.config.exporter === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter();
  return new BatchSpanProcessor({ exporter });
}

/**
 * Turns tracing on for this process, once, at boot (decision 0030): W3C trace context, spans
 * kept in async context, one tracer provider per service, so each span carries the
 * `service.name` of the service that made it even when `npm start` runs them all in one
 * process. With the exporter `none` nothing is registered, {@link tracerFor} answers
 * `undefined` and every traced path takes its untraced branch: no cost when off.
 */
export function startTracing(options: StartTracingOptions): void {
  if (active) throw new Error('Tracing is already started in this process.');
  if (options.config.exporter === 'none' && !options.exporter) return;
  const sampler = samplerOf(options.config);
  const providers = new Map<string, TracerProvider>();
  const provide = (service: string) => {
    const known = providers.get(service);
    if (known) return known;
    const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: service, 'service.namespace': 'shopgraph' });
    const provider = new TracerProvider({ resource, sampler, spanProcessors: [processorOf(options)] });
    providers.set(service, provider);
    return provider;
  };
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  api.trace.setGlobalTracerProvider(provide(options.globalService));
  active = { providers, provide };
}

/** The tracer of `service`'s own spans; `undefined` while tracing is off. */
export function tracerFor(service: string): Tracer | undefined {
  return active?.provide(service).getTracer('shopgraph');
}

/** Exports what is left and turns tracing off again (a stopping process, the end of a test). */
export async function stopTracing(): Promise<void> {
  const stopping = active;
  if (!stopping) return;
  active = undefined;
  await Promise.all([...stopping.providers.values()].map((provider) => provider.shutdown()));
  api.trace.disable();
  api.propagation.disable();
  api.context.disable();
}
