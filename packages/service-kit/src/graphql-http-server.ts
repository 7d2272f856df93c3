import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { context as contexts } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import { HeaderMap } from '@apollo/server';
import type { ApolloServer, BaseContext, HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import { HttpRefusal } from './http-refusal';
import { isWellFormedId } from './ids';
import { readBody } from './read-body';
import { startServerSpan } from './tracing/server-span';
import type { CallerTraceContext } from './tracing/server-span';

/** What a context factory sees of a request: the raw body, so signatures can cover it. */
export interface IncomingRequest {
  readonly headers: IncomingMessage['headers'];
  /** The HTTP method and the target (path and query string) as received, which signatures cover too. */
  readonly method: string;
  readonly target: string;
  /** The peer address, for a caller's IP (with the forwarding headers, through trusted proxies). */
  readonly socket: { readonly remoteAddress?: string | undefined };
  /** Operations the request carries: a batch's length, else 1; so limits can count each. */
  readonly operations: number;
  readonly rawBody: string;
  readonly requestId: string;
}

/** What a route answers: JSON, or `body` as is when `contentType` is given (`/metrics`). */
export interface RouteReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

export type RouteHandler = (req?: IncomingMessage) => Promise<RouteReply>;

/** A GraphQL request as HTTP carries it: POST body or GET query string. */
export interface GraphQLHttpRequest {
  readonly method: string;
  /** The parsed JSON body of a POST. */
  readonly body: unknown;
  /** The URL's query string (`?query=…&extensions=…`), which is where a GET carries its operation. */
  readonly search: string;
}

/** Options of {@link createGraphQLHttpServer}. */
export interface GraphQLHttpServerOptions<C extends BaseContext> {
  readonly apollo: ApolloServer<C>;
  /** Builds the request's context; throw an {@link HttpRefusal} to refuse it. */
  readonly context: (request: IncomingRequest) => Promise<C>;
  readonly log: Logger;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Extra GET routes, such as `/health` and `/ready`. */
  readonly routes?: Readonly<Record<string, RouteHandler>>;
  /**
   * Runs first on every request, before the body is read (CORS, per-IP rate limit): answer and
   * return `handled`, throw an {@link HttpRefusal}, or return `continue`. Default: continue.
   */
  readonly guard?: (req: IncomingMessage, res: ServerResponse) => 'handled' | 'continue';
  /** Rewrites or refuses (throw {@link HttpRefusal}) a request before its context is built. */
  readonly prepare?: (request: GraphQLHttpRequest) => GraphQLHttpRequest;
  /** Told of every refusal before it is sent (rate limits, bad requests), for metrics. Default: nothing. */
  readonly onRefusal?: (refusal: HttpRefusal) => void;
  /**
   * Runs once the context is built, before Apollo Server: answers the request itself and
   * resolves `handled` (a subscription streamed over HTTP), throws an {@link HttpRefusal}, or
   * resolves `continue`. Default: continue.
   */
  readonly intercept?: (request: InterceptedRequest<C>) => Promise<'handled' | 'continue'>;
  /** Traces every request but the extra routes (decision 0030). Default: none, tracing off. */
  readonly tracing?: { readonly tracer: Tracer | undefined; readonly callerContext: CallerTraceContext };
}

/** What {@link GraphQLHttpServerOptions.intercept} is given. */
export interface InterceptedRequest<C> {
  readonly request: GraphQLHttpRequest;
  readonly context: C;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

const GRAPHQL_PATH = '/graphql';

interface JsonReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

function sendJson(res: ServerResponse, { status, body, headers = {} }: JsonReply): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function sendRefusal(res: ServerResponse, refusal: HttpRefusal, requestId: string): void {
  const error = { message: refusal.message, extensions: { code: refusal.code, requestId } };
  sendJson(res, { status: refusal.status, body: { errors: [error] }, headers: refusal.headers });
}

function sendRoute(res: ServerResponse, reply: RouteReply): void {
  if (reply.contentType === undefined) return sendJson(res, reply);
  res.writeHead(reply.status, { 'content-type': reply.contentType, ...reply.headers });
  res.end(String(reply.body));
}

async function writeApolloResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function parseJsonBody(req: IncomingMessage, rawBody: string): unknown {
  if (req.method !== 'POST' || rawBody === '') return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new HttpRefusal({ status: 400, code: 'BAD_USER_INPUT', message: 'The request body is not valid JSON.' });
  }
}

/** A plain Node HTTP server for Apollo Server: body limit, routes, refusals, request IDs. */
export function createGraphQLHttpServer<C extends BaseContext>(options: GraphQLHttpServerOptions<C>): Server {
  const { apollo, context, log, maxBodyBytes = 1_048_576, routes = {} } = options;
  const { guard = () => 'continue', prepare = (request: GraphQLHttpRequest) => request } = options;
  const { onRefusal = () => {} } = options;
  const { intercept = async () => 'continue' } = options;

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, at: { url: URL; requestId: string }) {
    const { url, requestId } = at;
    const rawBody = await readBody(req, maxBodyBytes);
    const request = prepare({ method: req.method ?? 'GET', body: parseJsonBody(req, rawBody), search: url.search });
    const { method, body, search } = request;
    const contextValue = await context({
      headers: req.headers,
      method: req.method ?? 'GET',
      target: req.url ?? '/',
      socket: { remoteAddress: req.socket.remoteAddress },
      operations: Array.isArray(body) ? body.length : 1,
      rawBody,
      requestId,
    });
    if ((await intercept({ request, context: contextValue, req, res })) === 'handled') return;
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body },
      context: async () => contextValue,
    });
    await writeApolloResponse(res, response);
  }

  function dispatch(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = req.method === 'GET' ? routes[url.pathname] : undefined;
    if (route) return route(req).then((reply) => sendRoute(res, reply));
    if (url.pathname === GRAPHQL_PATH) return handleGraphQL(req, res, { url, requestId });
    const message = `No route ${url.pathname}; GraphQL is at ${GRAPHQL_PATH}.`;
    return Promise.reject(new HttpRefusal({ status: 404, code: 'NOT_FOUND', message }));
  }

  return createServer((req, res) => {
    // a caller's ID (the gateway's, for a subgraph) is kept so one ID finds every log line
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && isWellFormedId(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const handle = () =>
      Promise.resolve()
        .then(() => guard(req, res))
        .then((verdict) => (verdict === 'handled' ? undefined : dispatch(req, res, requestId)));
    const tracer = options.tracing?.tracer;
    const traced = tracer && !(req.method === 'GET' && routes[new URL(req.url ?? '/', 'http://localhost').pathname]);
    const work = traced
      ? contexts.with(
          startServerSpan(req, res, { tracer, requestId, callerContext: options.tracing?.callerContext ?? 'link' }),
          handle,
        )
      : handle();
    work.catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpRefusal) {
        onRefusal(error);
        return sendRefusal(res, error, requestId);
      }
      log.error({ err: error, requestId }, 'unhandled request failure');
      const internal = new HttpRefusal({
        status: 500,
        code: 'INTERNAL_SERVER_ERROR',
        message: 'Internal server error',
      });
      sendRefusal(res, internal, requestId);
    });
  });
}
