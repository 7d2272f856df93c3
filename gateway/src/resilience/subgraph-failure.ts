import { isBrokenCircuitError } from 'cockatiel';

/**
 * What a failed subgraph call means for the operation it carried:
 * - `not-sent`: the request certainly never reached the subgraph (an open breaker, a connection
 *   that could not be made), so nothing ran there;
 * - `maybe-sent`: it may have reached the subgraph and run, and no answer came back (a timeout,
 *   a connection reset or closed mid-request, a 5xx with no GraphQL answer).
 */
export type SubgraphFailure = 'not-sent' | 'maybe-sent';

/** A subgraph's HTTP answer the gateway cannot read as GraphQL: a 5xx. */
export class SubgraphServerError extends Error {
  override readonly name = 'SubgraphServerError';
}

// failures of the connection itself, before a byte of the request was written
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return codes;
}

/**
 * Classifies what a subgraph call threw. Anything not known to have failed before sending is
 * `maybe-sent`: for a mutation, claiming "nothing happened" when it may have is the one answer
 * that must never be given (it invites a retry with a new key, and a second order).
 */
export function classifySubgraphFailure(error: unknown): SubgraphFailure {
  if (isBrokenCircuitError(error)) return 'not-sent';
  return codesOf(error).some((code) => NEVER_CONNECTED.has(code)) ? 'not-sent' : 'maybe-sent';
}

/** Whether a subgraph request body carries a mutation (the gateway sends JSON with `query`). */
export function isMutationBody(body: string): boolean {
  try {
    const { query } = JSON.parse(body) as { query?: unknown };
    return typeof query === 'string' && /^\s*mutation\b/.test(query);
  } catch {
    return false;
  }
}
