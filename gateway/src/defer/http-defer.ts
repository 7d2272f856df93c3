import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { ApolloServer } from '@apollo/server';
import type { DocumentNode, FormattedExecutionResult, GraphQLSchema } from 'graphql';
import type { InterceptedRequest } from '@shopgraph/service-kit/graphql-http-server';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { GatewayContext } from '../gateway-context';
import type { OperationLimits } from '../limits/operation-limits';
import { operationsOf } from '../subscriptions/http-subscription-request';
import { MULTIPART_DEFER, acceptsIncrementalDelivery, incrementalItem, takeKeys } from './incremental-parts';
import { splitDeferred } from './split-deferred';
import type { DeferSplit } from './split-deferred';

export interface HttpDeferOptions {
  readonly apollo: ApolloServer<GatewayContext>;
  /** The API schema Apollo Server validates against, `@defer` included (defer-aware-gateway). */
  readonly schema: () => GraphQLSchema | undefined;
  readonly limits: OperationLimits;
  readonly log: Logger;
}

type Variables = Readonly<Record<string, unknown>>;
interface Planned {
  readonly split: DeferSplit;
  readonly operationName: string | null | undefined;
  readonly variables: Variables;
}

// A browser preflights a JSON POST: a page elsewhere cannot send one in a visitor's name (CSRF).
const isJsonPost = (req: IncomingMessage) =>
  req.method === 'POST' && /^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '');

/**
 * The split of the request's operation, or undefined when Apollo Server should answer it
 * whole: not a single JSON POST asking for incremental delivery, no `@defer` that can be
 * split, or a document that is refused anyway (Apollo Server then refuses it as always).
 */
function plan(intercepted: InterceptedRequest<GatewayContext>, options: HttpDeferOptions): Planned | undefined {
  const { req, request } = intercepted;
  if (!isJsonPost(req) || !acceptsIncrementalDelivery(req.headers) || Array.isArray(request.body)) return undefined;
  const [payload] = operationsOf(request);
  const schema = options.schema();
  if (!payload?.query?.includes('@defer') || !schema) return undefined;
  const checked = options.limits.checkOperation(schema, payload.query);
  if (!checked.ok) return undefined;
  const variables = payload.variables ?? {};
  const split = splitDeferred(schema, checked.document, { operationName: payload.operationName, variables });
  // the parts carry a few more fields than the original: each must pass the limits on its own
  const parts = split ? [split.primary, ...split.deferred.map((part) => part.document)] : [];
  if (!split || parts.some((part) => options.limits.validateOperation(schema, part).length > 0)) return undefined;
  return { split, operationName: payload.operationName, variables };
}

function headersOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  return headers;
}

function write(res: ServerResponse, payload: unknown): void {
  if (!res.writableEnded && !res.destroyed) res.write(MULTIPART_DEFER.part(payload));
}

/**
 * `@defer` over HTTP for clients that read incremental delivery (Apollo Client's
 * `multipart/mixed;deferSpec=20220824`): the primary operation and one follow-up per
 * deferred fragment run at once, each through Apollo Server (its plugins, limits and error
 * masking, under the caller's context); the primary part is written first, then each
 * fragment as its follow-up ends. Everything else goes on to Apollo Server.
 */
export function createHttpDefer(options: HttpDeferOptions) {
  const { apollo, log } = options;

  return async function intercept(intercepted: InterceptedRequest<GatewayContext>): Promise<'handled' | 'continue'> {
    const planned = plan(intercepted, options);
    if (!planned) return 'continue';
    const { req, res, context } = intercepted;
    const http = { method: 'POST', headers: headersOf(req), search: '', body: intercepted.request.body };
    const run = async (query: DocumentNode): Promise<FormattedExecutionResult> => {
      const { operationName, variables } = planned;
      const named = operationName ? { operationName } : {};
      const request = { query, ...named, variables, http };
      const response = await apollo.executeOperation(request, { contextValue: context });
      return response.body.kind === 'single'
        ? response.body.singleResult
        : { errors: [{ message: 'Unexpected result' }] };
    };
    const { primary, deferred } = planned.split;
    const followUps = deferred.map((part) => run(part.document).then((result) => ({ part, result })));
    // a follow-up may end first: its rejection must not go unhandled while the primary runs
    followUps.forEach((followUp) => void followUp.catch(() => undefined));
    const first = await run(primary);
    res.writeHead(200, { 'content-type': MULTIPART_DEFER.contentType, 'cache-control': 'no-store' });
    const keys = first.data ? takeKeys(first.data, deferred) : [];
    const items = followUps.map((followUp, index) =>
      followUp.then(({ part, result }) => incrementalItem(keys[index], part, result)),
    );
    const pending = new Set(items.filter((_, index) => keys[index] !== undefined && keys[index] !== null));
    write(res, { ...first, hasNext: pending.size > 0 });
    try {
      await sendIncrementally(res, pending);
    } catch (error) {
      log.error({ err: error, requestId: context.requestId }, 'a deferred part failed');
      write(res, { hasNext: false });
    }
    if (!res.writableEnded) res.end(MULTIPART_DEFER.closing);
    return 'handled';
  };
}

type Item = Record<string, unknown> | undefined;

/** One part per fragment, in the order they end; the last says `hasNext: false`. */
async function sendIncrementally(res: ServerResponse, pending: Set<Promise<Item>>): Promise<void> {
  while (pending.size > 0) {
    const [done, item] = await Promise.race(
      [...pending].map((promise) => promise.then((value) => [promise, value] as const)),
    );
    pending.delete(done);
    write(res, item ? { incremental: [item], hasNext: pending.size > 0 } : { hasNext: pending.size > 0 });
  }
}
