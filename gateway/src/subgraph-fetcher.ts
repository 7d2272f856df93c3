import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { ConstantBackoff, handleWhen, retry, wrap } from 'cockatiel';
import type { CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from '@shopgraph/service-kit/logger';
import { inFlight } from './in-flight';
import { SIGNATURE_HEADERS, signRequest } from '@shopgraph/service-kit/request-signature';
import type { FetchObserver, FetchOutcome } from './observability/subgraph-fetch-metrics';
import { outcomeUnknownResponse } from './resilience/outcome-unknown-response';
import { SubgraphServerError, classifySubgraphFailure, isMutationBody } from './resilience/subgraph-failure';
import { unavailableResponse } from './resilience/unavailable-response';
import { postToSubgraph, targetPathOf } from './subgraph-http-client';

/** Options of {@link subgraphFetcher}. */
export interface SubgraphFetcherOptions {
  readonly subgraph: string;
  /** HMAC secret shared with that subgraph. */
  readonly secret: string;
  /** A request slower than this is aborted and counts as a failure. */
  readonly timeoutMs: number;
  readonly breaker: CircuitBreakerPolicy;
  readonly log: Logger;
  /** Told of each fetch's duration and outcome (metrics). Default: nothing. */
  readonly observe?: FetchObserver;
}

const CONNECTION_RESET = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);
// undici's dispatcher throws the socket's error itself; fetch wrapped it as the cause
const isConnectionReset = (error: unknown): boolean => {
  const { code, cause } = error instanceof Error ? (error as { code?: unknown; cause?: { code?: unknown } }) : {};
  return [code, cause?.code].some((value) => typeof value === 'string' && CONNECTION_RESET.has(value));
};
// a mutation is never sent twice; a query may be, once, if the connection was reset under it
const retryQueryOnce = retry(handleWhen(isConnectionReset), { maxAttempts: 1, backoff: new ConstantBackoff(0) });
const isQuery = (body: string): boolean => /^\s*\{\s*"query"\s*:\s*"\s*(query\b|\{)/.test(body);

/**
 * How the gateway calls one subgraph: pooled keep-alive connections (undici), signed over the
 * exact body with the caller's identity, bounded by a timeout, behind that subgraph's
 * circuit breaker. A failure becomes an answer for that part of the plan instead of an
 * exception, so the rest of the response still arrives: SUBGRAPH_UNAVAILABLE, or
 * OUTCOME_UNKNOWN for a mutation that may have run (see {@link failureResponse}).
 */
export function subgraphFetcher(options: SubgraphFetcherOptions): Fetcher {
  const { subgraph, secret, timeoutMs, breaker, log, observe = () => {} } = options;
  const queryPolicy = wrap(retryQueryOnce, breaker);
  const joinIdentical = inFlight<FetcherResponse>();
  return (async (url: string, init: FetcherRequestInit = {}) => {
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const encodedIdentity = headers[SIGNATURE_HEADERS.identity] ?? '';
    const body = typeof init.body === 'string' ? init.body : '';
    const method = init.method ?? 'POST';
    const signed = { encodedIdentity, method, target: targetPathOf(url), body };
    const send = async () => {
      const response = await postToSubgraph(url, {
        method,
        headers: { ...headers, ...signRequest({ secret, ...signed }) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status >= 500) throw new SubgraphServerError(`${subgraph} answered ${response.status}`);
      return response;
    };
    const began = performance.now();
    const answered = (outcome: FetchOutcome) =>
      observe({ subgraph, seconds: (performance.now() - began) / 1000, outcome });
    // identical queries of one identity while one is in flight share its answer (the subgraph
    // authorises by the signed identity, so no answer crosses identities); mutations never do
    const query = isQuery(body);
    const call = () => (query ? queryPolicy : breaker).execute(send);
    try {
      const response = await (query ? joinIdentical(`${url}\n${encodedIdentity}\n${body}`, call) : call());
      answered('success');
      return response;
    } catch (error) {
      const failure = failureResponse({ subgraph, body, error, log });
      answered(failure.outcome);
      return failure.response;
    }
  }) as unknown as Fetcher;
}

/**
 * A query that failed did nothing, whatever happened; so did a mutation that was never sent.
 * A mutation that may have reached the subgraph gets OUTCOME_UNKNOWN: telling the client it
 * did not run would invite a retry under a new idempotency key, and a second order.
 */
function failureResponse(failed: { subgraph: string; body: string; error: unknown; log: Logger }): {
  response: Response;
  outcome: FetchOutcome;
} {
  const { subgraph, body, error, log } = failed;
  if (isMutationBody(body) && classifySubgraphFailure(error) === 'maybe-sent') {
    log.warn({ subgraph, err: error }, 'subgraph gave no answer to a mutation: outcome unknown');
    return { response: outcomeUnknownResponse(subgraph), outcome: 'outcome_unknown' };
  }
  log.warn({ subgraph, err: error }, 'subgraph unavailable');
  return { response: unavailableResponse(subgraph, body), outcome: 'unavailable' };
}
