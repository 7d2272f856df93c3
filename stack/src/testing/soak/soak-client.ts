/** What one GraphQL call came back with: an answer (data and/or errors), or no answer at all. */
export type CallOutcome =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly data: Record<string, unknown> | null;
      readonly codes: readonly string[];
    }
  | { readonly kind: 'no-answer'; readonly detail: string };

/**
 * The codes after which a client retries the same mutation with the same idempotency key:
 * the service was away (`SUBGRAPH_UNAVAILABLE`, `SERVICE_UNAVAILABLE`, `DATABASE_UNAVAILABLE`)
 * or the gateway cannot tell whether it ran (`OUTCOME_UNKNOWN`). Any other code is an answer.
 */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['SUBGRAPH_UNAVAILABLE', 'OUTCOME_UNKNOWN']);

/** Whether a client should send the same request again (same idempotency key). */
export function shouldRetry(outcome: CallOutcome): boolean {
  if (outcome.kind === 'no-answer') return true;
  if (outcome.codes.some((code) => RETRYABLE_CODES.has(code))) return true;
  // a proxy-like status without a GraphQL body: the gateway itself was away
  return outcome.codes.length === 0 && outcome.data === null && outcome.status >= 502;
}

/** A short label of an outcome, for the run's histogram of what clients saw. */
export const outcomeLabel = (outcome: CallOutcome): string =>
  outcome.kind === 'no-answer'
    ? 'network error'
    : (outcome.codes[0] ?? (outcome.data ? 'ok' : `HTTP ${outcome.status}`));

interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { readonly extensions?: { readonly code?: unknown } }[];
}

/**
 * POSTs one operation; never throws. A request that got no answer within `timeoutMs`
 * (default 30 s) is a "no answer", like a refused connection: a frozen database must not hang the client.
 */
export async function callGraphQL(
  url: string,
  operation: { readonly query: string; readonly variables: Record<string, unknown>; readonly token: string },
  timeoutMs = 30_000,
): Promise<CallOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operation.token}` },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as GraphQLBody;
    const codes = (body.errors ?? []).map((error) => String(error.extensions?.code ?? 'NO_CODE'));
    return { kind: 'answer', status: response.status, data: body.data ?? null, codes };
  } catch (error) {
    // fetch hides the socket's error (ECONNREFUSED, ECONNRESET) in its cause
    const cause = error instanceof Error && error.cause !== undefined ? ` (${String(error.cause)})` : '';
    return { kind: 'no-answer', detail: `${String(error)}${cause}` };
  }
}
