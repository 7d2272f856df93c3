import { Agent } from 'undici';
import type { FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';

/**
 * One keep-alive connection pool per subgraph origin for the whole gateway process: undici's
 * dispatcher API, without the WHATWG `fetch` layer (a Request, a Headers, a body stream and
 * a Response per call) that Node's built-in fetch puts on top of the same connections.
 * undici follows a subgraph's `Keep-Alive: timeout` hint, so it never reuses a socket the
 * server is about to close.
 */
const agent = new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 60_000 });

/** A subgraph's answer, read whole: the gateway parses every answer, so nothing streams. */
class BufferedResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly statusText = '';
  readonly ok: boolean;
  readonly headers: FetcherHeaders;

  constructor(
    readonly url: string,
    readonly status: number,
    private readonly answer: { readonly headers: Headers; readonly body: string },
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = answer.headers;
  }

  text(): Promise<string> {
    return Promise.resolve(this.answer.body);
  }

  json(): Promise<unknown> {
    return Promise.resolve(JSON.parse(this.answer.body) as unknown);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new TextEncoder().encode(this.answer.body).buffer);
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.answer);
  }
}

/** Only `content-type` is read from a subgraph's answer (to pick JSON or text). */
function answerHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const contentType = raw['content-type'];
  return new Headers(typeof contentType === 'string' ? { 'content-type': contentType } : {});
}

const targets = new Map<string, { origin: string; path: string }>();
/** Origin and path of a subgraph URL, parsed once: a gateway calls the same few URLs forever. */
function targetOf(url: string): { origin: string; path: string } {
  let target = targets.get(url);
  if (target === undefined) {
    const { origin, pathname, search } = new URL(url);
    target = { origin, path: `${pathname}${search}` };
    targets.set(url, target);
  }
  return target;
}

/** What {@link postToSubgraph} sends. */
export interface SubgraphPost {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
}

/** Sends one request to a subgraph over the process's pooled connections and reads the answer whole. */
export async function postToSubgraph(
  url: string,
  { method, headers, body, signal }: SubgraphPost,
): Promise<FetcherResponse> {
  const { origin, path } = targetOf(url);
  const answer = await agent.request({ origin, path, method: method as 'POST', headers, body, signal });
  const text = await answer.body.text();
  return new BufferedResponse(url, answer.statusCode, { headers: answerHeaders(answer.headers), body: text });
}

/** The request target (path and query) a subgraph URL is signed over. */
export const targetPathOf = (url: string): string => targetOf(url).path;
