import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

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
    const body = JSON.stringify({ query: operation.query, variables: operation.variables });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${operation.token}` };
    const response = await post(url, { headers, body, timeoutMs });
    const answer = parseBody(response.text);
    const codes = (answer.errors ?? []).map((error) => String(error.extensions?.code ?? 'NO_CODE'));
    return { kind: 'answer', status: response.status, data: answer.data ?? null, codes };
  } catch (error) {
    return { kind: 'no-answer', detail: String(error) };
  }
}

function parseBody(text: string): GraphQLBody {
  try {
    return JSON.parse(text) as GraphQLBody;
  } catch {
    return {}; // not JSON: a proxy's page, or nothing
  }
}

interface Post {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/**
 * One POST on a connection of its own, closed after the answer, as a client of its own sends
 * it. node:http rather than fetch: a bench runs 1,000 of these at once on the machine it
 * measures, and fetch costs about three times the CPU per call (decision 0061).
 */
function post(url: string, { headers, body, timeoutMs }: Post): Promise<{ status: number; text: string }> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
        // a connection cut mid-answer: no end, and an answer that is not one
        response.on('close', () => response.complete || reject(new Error('the connection closed mid-answer')));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
