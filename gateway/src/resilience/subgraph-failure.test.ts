import { BrokenCircuitError, IsolatedCircuitError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { SubgraphServerError, classifySubgraphFailure, isMutationBody } from './subgraph-failure';

// the shape Node's fetch (undici) rejects with: a TypeError whose cause carries the socket's code
const fetchFailed = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
const timedOut = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

describe('classifySubgraphFailure', () => {
  it.each([
    ['an open breaker', new BrokenCircuitError()],
    ['an isolated breaker', new IsolatedCircuitError()],
    ['a refused connection', fetchFailed('ECONNREFUSED')],
    ['an unknown host', fetchFailed('ENOTFOUND')],
    ['a connect timeout', fetchFailed('UND_ERR_CONNECT_TIMEOUT')],
  ])('says the request was never sent after %s', (_label, error) => {
    expect(classifySubgraphFailure(error)).toBe('not-sent');
  });

  it.each([
    ['a timeout once the request was under way', timedOut()],
    ['a connection reset mid-request', fetchFailed('ECONNRESET')],
    ['a socket closed before the answer', fetchFailed('UND_ERR_SOCKET')],
    ['a broken pipe', fetchFailed('EPIPE')],
    ['a 5xx without a GraphQL answer', new SubgraphServerError('answered 502')],
    ['anything it does not recognise', new Error('surprise')],
  ])('says the request may have run after %s', (_label, error) => {
    expect(classifySubgraphFailure(error)).toBe('maybe-sent');
  });
});

describe('isMutationBody', () => {
  const body = (query: string) => JSON.stringify({ query, variables: {} });

  it('recognises the mutations the query planner sends', () => {
    expect(
      isMutationBody(body('mutation PlaceOrder__orders__0($input:PlaceOrderInput!){placeOrder(input:$input){id}}')),
    ).toBe(true);
    expect(isMutationBody(body('mutation{cancelOrder(id:"1"){id}}'))).toBe(true);
  });

  it('says no for queries, entity fetches of a mutation plan, and unreadable bodies', () => {
    expect(
      isMutationBody(body('query($representations:[_Any!]!){_entities(representations:$representations){__typename}}')),
    ).toBe(false);
    expect(isMutationBody(body('{ me { id } }'))).toBe(false);
    expect(isMutationBody(body('query mutationLike { me { id } }'))).toBe(false);
    expect(isMutationBody('not json')).toBe(false);
  });
});
