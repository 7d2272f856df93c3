import { describe, expect, it } from 'vitest';
import { negotiateStreamFormat } from './http-stream-format';
import { isSubscription, operationsOf } from './http-subscription-request';

const accepting = (accept: string) => negotiateStreamFormat({ accept });

describe('negotiating a subscription stream over HTTP', () => {
  it.each([
    ['multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json', 'multipart'],
    ['multipart/mixed; subscriptionSpec="1.0", application/json', 'multipart'],
    ['text/event-stream', 'sse'],
    // urql asks for both; it reads Apollo's multipart payloads only as SSE
    ['text/event-stream, multipart/mixed', 'sse'],
  ])('serves %s as %s', (accept, name) => {
    expect(accepting(accept)?.name).toBe(name);
  });

  it.each(['application/json', '*/*', 'multipart/mixed', ''])('offers no stream for %j', (accept) => {
    expect(accepting(accept)).toBeUndefined();
  });

  it('frames a multipart event as Apollo clients read it, a heartbeat as {}, and closes the boundary', () => {
    const format = accepting('multipart/mixed;subscriptionSpec=1.0');
    expect(format?.next({ data: { a: 1 } })).toBe(
      '\r\n--graphql\r\ncontent-type: application/json\r\n\r\n{"payload":{"data":{"a":1}}}',
    );
    expect(format?.heartbeat).toMatch(/\r\n\r\n\{\}$/);
    expect(format?.closing).toBe('\r\n--graphql--\r\n');
  });

  it('writes Server-Sent Events as graphql-sse names them', () => {
    const format = accepting('text/event-stream');
    expect(format?.next({ data: { a: 1 } })).toBe('event: next\ndata: {"data":{"a":1}}\n\n');
    expect(format?.closing).toBe('event: complete\ndata:\n\n');
  });
});

describe('finding a subscription in an HTTP request', () => {
  const post = (body: unknown) => ({ method: 'POST', body, search: '' });
  const subscriptionIn = (body: unknown) =>
    operationsOf(post(body)).some((operation) => isSubscription(operation, { maxTokens: 100 }));

  it('finds the operation a request selects, by name among several', () => {
    const query = 'query A { a } subscription B { b }';
    expect(subscriptionIn({ query, operationName: 'B' })).toBe(true);
    expect(subscriptionIn({ query, operationName: 'A' })).toBe(false);
  });

  it('leaves a document that does not parse, or mentions the word elsewhere, to Apollo Server', () => {
    expect(subscriptionIn({ query: 'subscription {' })).toBe(false);
    expect(subscriptionIn({ query: '{ subscription }' })).toBe(false);
  });

  it('reads a GET query string and every operation of a batch', () => {
    const get = { method: 'GET', body: undefined, search: '?query=subscription%20%7B%20b%20%7D' };
    expect(isSubscription(operationsOf(get)[0] ?? {}, {})).toBe(true);
    expect(subscriptionIn([{ query: '{ a }' }, { query: 'subscription { b }' }])).toBe(true);
  });
});
