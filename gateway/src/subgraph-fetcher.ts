import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import { ConstantBackoff, handleWhen, retry, wrap } from 'cockatiel';
import type { CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from '@shopgraph/service-kit/logger';
import { SIGNATURE_HEADERS, signRequest } from '@shopgraph/service-kit/request-signature';
import { unavailableResponse } from './resilience/unavailable-response';

/** Options of {@link subgraphFetcher}. */
export interface SubgraphFetcherOptions {
  readonly subgraph: string;
  /** HMAC secret shared with that subgraph. */
  readonly secret: string;
  /** A request slower than this is aborted and counts as a failure. */
  readonly timeoutMs: number;
  readonly breaker: CircuitBreakerPolicy;
  readonly log: Logger;
}

class SubgraphServerError extends Error {}

const CONNECTION_RESET = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);
const isConnectionReset = (error: unknown): boolean => {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && CONNECTION_RESET.has(cause.code);
};
// a mutation is never sent twice; a query may be, once, if the connection was reset under it
const retryQueryOnce = retry(handleWhen(isConnectionReset), { maxAttempts: 1, backoff: new ConstantBackoff(0) });
const isQuery = (body: string): boolean => /^\s*\{\s*"query"\s*:\s*"\s*(query\b|\{)/.test(body);

/**
 * How the gateway calls one subgraph: Node's fetch (keep-alive by default), signed over the
 * exact body with the caller's identity, bounded by a timeout, behind that subgraph's
 * circuit breaker. A failure becomes a SUBGRAPH_UNAVAILABLE answer for that part of the
 * plan instead of an exception, so the rest of the response still arrives.
 */
export function subgraphFetcher({ subgraph, secret, timeoutMs, breaker, log }: SubgraphFetcherOptions): Fetcher {
  const queryPolicy = wrap(retryQueryOnce, breaker);
  return (async (url: string, init: FetcherRequestInit = {}) => {
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const encodedIdentity = headers[SIGNATURE_HEADERS.identity] ?? '';
    const body = typeof init.body === 'string' ? init.body : '';
    const method = init.method ?? 'POST';
    const { pathname, search } = new URL(url);
    const signed = { encodedIdentity, method, target: `${pathname}${search}`, body };
    const send = async () => {
      const response = await fetch(url, {
        method,
        headers: { ...headers, ...signRequest({ secret, ...signed }) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status >= 500) throw new SubgraphServerError(`${subgraph} answered ${response.status}`);
      return response;
    };
    try {
      return await (isQuery(body) ? queryPolicy : breaker).execute(send);
    } catch (error) {
      log.warn({ subgraph, err: error }, 'subgraph unavailable');
      return unavailableResponse(subgraph, body);
    }
  }) as unknown as Fetcher;
}
