export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';

/**
 * What the gateway receives instead of a subgraph's answer when a MUTATION was sent and no
 * answer came back: the mutation may or may not have been applied, and the client must not
 * guess. Retrying with the same idempotency key is safe and tells it which.
 */
export function outcomeUnknownResponse(subgraph: string): Response {
  const message =
    `The ${subgraph} service did not answer; this mutation may or may not have been applied. ` +
    'Check before repeating it: placeOrder is safe to retry with the same idempotencyKey, never a new one.';
  return new Response(JSON.stringify({ data: null, errors: [{ message, extensions: { code: OUTCOME_UNKNOWN } }] }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
