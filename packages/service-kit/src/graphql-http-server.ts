import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { ApolloServer, BaseContext, HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import { HttpRefusal } from './http-refusal';
import { readBody } from './read-body';

/** What a context factory sees of a request: the raw body, so signatures can cover it. */
export interface IncomingRequest {
  readonly headers: IncomingMessage['headers'];
  readonly rawBody: string;
  readonly requestId: string;
}

export type RouteHandler = () => Promise<{ status: number; body: unknown }>;

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

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rawBody = await readBody(req, maxBodyBytes);
    const body = parseJsonBody(req, rawBody);
    const contextValue = await context({ headers: req.headers, rawBody, requestId });
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => contextValue,
    });
    await writeApolloResponse(res, response);
  }

  return createServer((req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = req.method === 'GET' ? routes[url.pathname] : undefined;
    const work = route
      ? route().then((reply) => sendJson(res, reply))
      : url.pathname === GRAPHQL_PATH
        ? handleGraphQL(req, res, requestId)
        : Promise.reject(
            new HttpRefusal({
              status: 404,
              code: 'NOT_FOUND',
              message: `No route ${url.pathname}; GraphQL is at ${GRAPHQL_PATH}.`,
            }),
          );
    work.catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpRefusal) return sendRefusal(res, error, requestId);
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
