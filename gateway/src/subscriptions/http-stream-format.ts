import type { IncomingHttpHeaders } from 'node:http';
import type { FormattedExecutionResult } from 'graphql';

/**
 * How one subscription's results are written on an HTTP response: Apollo's multipart
 * subscription protocol (Apollo Client, Apollo iOS, Apollo Kotlin) or GraphQL over
 * Server-Sent Events in graphql-sse's "distinct connections" mode.
 */
export interface HttpStreamFormat {
  readonly name: 'multipart' | 'sse';
  readonly contentType: string;
  /** Written once, right after the headers. */
  readonly opening: string;
  /** One result of the subscription. */
  next(result: FormattedExecutionResult): string;
  /** Keeps proxies and clients from timing the response out while no event comes. */
  readonly heartbeat: string;
  /** The end of the stream, after the last result. */
  readonly closing: string;
}

const BOUNDARY = 'graphql';
const part = (json: string) => `\r\n--${BOUNDARY}\r\ncontent-type: application/json\r\n\r\n${json}`;

// https://www.apollographql.com/docs/graphos/routing/operations/subscriptions/multipart-protocol
const MULTIPART: HttpStreamFormat = {
  name: 'multipart',
  contentType: `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`,
  opening: '',
  next: (result) => part(JSON.stringify({ payload: result })),
  heartbeat: part('{}'),
  closing: `\r\n--${BOUNDARY}--\r\n`,
};

// https://github.com/enisdenjo/graphql-sse/blob/master/PROTOCOL.md, "distinct connections"
const SSE: HttpStreamFormat = {
  name: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  // a comment: some proxies hold the headers back until the body starts
  opening: ':\n\n',
  next: (result) => `event: next\ndata: ${JSON.stringify(result)}\n\n`,
  heartbeat: ':\n\n',
  closing: 'event: complete\ndata:\n\n',
};

/** The media ranges of an Accept header, lower case, parameters kept without spaces. */
function mediaRanges(accept: string): string[] {
  return accept.split(',').map((range) => range.replaceAll(/\s+/g, '').toLowerCase());
}

/**
 * The stream format the client asked for in `Accept`, or undefined when it asked for
 * neither: `multipart/mixed` with `subscriptionSpec=1.0` (quoted or not), or `text/event-stream`.
 */
export function negotiateStreamFormat(headers: IncomingHttpHeaders): HttpStreamFormat | undefined {
  const ranges = mediaRanges(headers.accept ?? '');
  const multipart = ranges.some(
    (range) => range.startsWith('multipart/mixed') && /;subscriptionspec="?1\.0"?/.test(range),
  );
  if (multipart) return MULTIPART;
  return ranges.some((range) => range.startsWith('text/event-stream')) ? SSE : undefined;
}

/** What a client without either protocol is told. */
export const HOW_TO_SUBSCRIBE =
  'Subscriptions are not served as a plain HTTP request. Open a WebSocket on this URL ' +
  '(graphql-ws, subprotocol graphql-transport-ws), or POST the subscription with ' +
  '`Accept: multipart/mixed;subscriptionSpec="1.0"` (Apollo clients) or ' +
  '`Accept: text/event-stream` (graphql-sse, distinct connections mode).';
