import { z } from 'zod';
import { parseEnv } from '../env';

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/** A sampler of the OpenTelemetry specification, by its `OTEL_TRACES_SAMPLER` name. */
export type SamplerName = (typeof SAMPLERS)[number];

/** Where spans go: an OTLP/HTTP collector, the console (debugging), or nowhere (tracing off). */
export type TracesExporter = 'otlp' | 'console' | 'none';

export interface TracingConfig {
  readonly exporter: TracesExporter;
  readonly sampler: SamplerName;
  /** The ratio of the `traceidratio` samplers, 0 … 1. */
  readonly ratio: number;
}

/** Used when `OTEL_TRACES_SAMPLER` is unset (decision 0030): everything in development, 10 % in production. */
export const DEFAULT_SAMPLER: SamplerName = 'parentbased_traceidratio';
const DEFAULT_RATIO = { production: 0.1, other: 1 } as const;

const schema = z.object({
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'console', 'none']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLERS).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  NODE_ENV: z.string().optional(),
});

/**
 * Reads the standard `OTEL_*` variables. Tracing is off unless an exporter is chosen
 * (`OTEL_TRACES_EXPORTER`) or an OTLP endpoint is given; `OTEL_SDK_DISABLED=true` turns it off
 * whatever else is set. A bad value stops the process at boot, like any other variable.
 */
export function loadTracingConfig(env: Readonly<Record<string, string | undefined>>): TracingConfig {
  const parsed = parseEnv(schema, { ...env });
  const endpoint = parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? parsed.OTEL_EXPORTER_OTLP_ENDPOINT;
  const chosen = parsed.OTEL_TRACES_EXPORTER ?? (endpoint === undefined ? 'none' : 'otlp');
  const exporter = parsed.OTEL_SDK_DISABLED === 'true' ? 'none' : chosen;
  const sampler = parsed.OTEL_TRACES_SAMPLER ?? DEFAULT_SAMPLER;
  // the specification's default argument is 1; ours, with no sampler named, depends on the environment
  const fallbackRatio =
    parsed.OTEL_TRACES_SAMPLER === undefined && parsed.NODE_ENV === 'production'
      ? DEFAULT_RATIO.production
      : DEFAULT_RATIO.other;
  return { exporter, sampler, ratio: parsed.OTEL_TRACES_SAMPLER_ARG ?? fallbackRatio };
}
