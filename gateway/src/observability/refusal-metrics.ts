import type { HttpRefusal } from '@shopgraph/service-kit/http-refusal';
import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';

/**
 * `gateway_http_refusals_total{code}`: requests refused before execution (CORS, body or batch
 * size, persisted-operation policy, token); `RATE_LIMITED` is the rate limit's refusals.
 */
export function refusalMetrics(metrics: ServiceMetrics): (refusal: HttpRefusal) => void {
  const refusals = metrics.counter({
    name: 'gateway_http_refusals_total',
    help: 'Requests refused before execution, by error code (RATE_LIMITED: rate limits).',
    labelNames: ['code'],
  });
  return (refusal) => refusals.inc({ code: refusal.code });
}
