import { z } from 'zod';
import type { Environment } from '../env';

/** Who may read `/metrics` (`METRICS_TOKEN`, decision 0032). */
export interface MetricsAccess {
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** False in production without a token: the route answers 404. */
  readonly enabled: boolean;
}

/** `METRICS_TOKEN`: at least 16 characters when set. */
export const metricsToken = z.string().min(16, 'must be at least 16 characters').optional();

/**
 * `/metrics` is not part of the public graph. With a token it answers only that bearer; without
 * one it is open in development and test (services listen on 127.0.0.1 by default) and off in
 * production, where the public port is reachable by anyone.
 */
export function metricsAccess(token: string | undefined, environment: Environment): MetricsAccess {
  if (token !== undefined) return { token, enabled: true };
  if (environment !== 'production') return { enabled: true };
  return { enabled: false };
}
