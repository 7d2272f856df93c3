import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { RouteHandler } from '../graphql-http-server';
import type { MetricsAccess } from './metrics-access';
import type { ServiceMetrics } from './service-metrics';

/** Options of {@link metricsRoute}: the registry, and who may read it. */
export interface MetricsRouteOptions extends MetricsAccess {
  readonly metrics: ServiceMetrics;
}

const notFound = { status: 404, body: { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] } };

/** `GET /metrics` in Prometheus' text format, behind the scrape token when there is one. */
export function metricsRoute({ metrics, token, enabled }: MetricsRouteOptions): RouteHandler {
  return async (req) => {
    if (!enabled) return notFound;
    if (token !== undefined && !bearerMatches(req, token)) {
      const error = { message: 'A valid scrape token is required.', extensions: { code: 'UNAUTHENTICATED' } };
      return { status: 401, body: { errors: [error] }, headers: { 'www-authenticate': 'Bearer' } };
    }
    return { status: 200, body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
  };
}

function bearerMatches(req: IncomingMessage | undefined, token: string): boolean {
  const given = Buffer.from(req?.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
