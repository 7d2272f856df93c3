export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

function representationCount(body: string): number | undefined {
  try {
    const parsed = JSON.parse(body) as { variables?: { representations?: unknown } };
    const representations = parsed.variables?.representations;
    return Array.isArray(representations) ? representations.length : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the gateway receives instead of a subgraph's answer when that subgraph is down, slow
 * or its breaker is open: a GraphQL response with no data and one SUBGRAPH_UNAVAILABLE error
 * per entity asked for (`_entities.i`), which the query plan maps to each entity's path. The
 * rest of the plan runs on, so the client gets partial data instead of a failed request.
 */
export function unavailableResponse(subgraph: string, requestBody: string): Response {
  const message = `The ${subgraph} service is unavailable; this part of the answer is missing.`;
  const extensions = { code: SUBGRAPH_UNAVAILABLE };
  const count = representationCount(requestBody);
  const errors =
    count === undefined
      ? [{ message, extensions }]
      : Array.from({ length: count }, (_, index) => ({ message, path: ['_entities', index], extensions }));
  return new Response(JSON.stringify({ data: null, errors }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
