import { randomUUID } from 'node:crypto';
import { GraphQLError, parse, validate } from 'graphql';
import type { DocumentNode, ExecutionArgs, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { SubscribePayload } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import { maskError } from '@shopgraph/service-kit/graphql-errors';
import { verifyConnection, verifySubscription } from '@shopgraph/service-kit/subscription-signature';
import type { UpgradeHandler, UpgradeTarget } from '@shopgraph/service-kit/subgraph-server';

const GRAPHQL_PATH = '/graphql';

/** Options of {@link createSubscriptionServer} besides what the subgraph server hands over. */
export interface SubscriptionServerLimits {
  /** Largest frame accepted, in bytes. Default 1 MiB, as HTTP bodies. */
  readonly maxPayload?: number;
  /** How long sockets get to close politely when the service stops. Default 1 second. */
  readonly closeGraceMs?: number;
}

const unsigned = () =>
  new GraphQLError('This service only answers subscriptions signed by the gateway.', {
    extensions: { code: 'FORBIDDEN' },
  });

// parse and validation errors describe the client's document: maskError lets them through
const requestError = (error: unknown) =>
  new GraphQLError(error instanceof Error ? error.message : 'Invalid document', {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });

function parsed(schema: GraphQLSchema, query: string): DocumentNode | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return [requestError(error)];
  }
  const errors = validate(schema, document);
  return errors.length > 0 ? errors.map(requestError) : document;
}

const masked = (errors: readonly GraphQLError[]) => errors.map((error) => maskError(error.toJSON(), error));

/** An event's result as graphql-ws hands it over; its errors are masked as over HTTP. */
interface EventResult {
  readonly data?: Record<string, unknown> | null | undefined;
  readonly errors?: readonly GraphQLError[] | undefined;
}

const maskedResult = ({ data, errors }: EventResult) =>
  errors ? { data: data ?? null, errors: masked(errors) } : undefined;

/**
 * graphql-ws on the subgraph's `/graphql`, for the gateway only (decision 0018): a connection
 * without the gateway's signature is closed 4403, a subscribe message without a valid
 * signature is refused FORBIDDEN, and the caller is the identity that signature carries.
 * Errors are masked as over HTTP.
 */
export function createSubscriptionServer<C>(target: UpgradeTarget<C>, limits: SubscriptionServerLimits = {}) {
  const { schema, signingSecret, createContext, log } = target;
  const { maxPayload = 1_048_576, closeGraceMs = 1_000 } = limits;
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  const server = useServer(
    {
      onConnect: (ctx) => {
        if (verifyConnection(signingSecret, ctx.connectionParams)) return true;
        log.warn('refused a graphql-ws connection not signed by the gateway');
        return false;
      },
      onSubscribe: (_ctx, id, payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] => {
        const verdict = verifySubscription(signingSecret, payload);
        if (!verdict.ok) {
          log.warn({ subscriptionId: id, reason: verdict.reason }, 'refused a subscription not signed by the gateway');
          return [unsigned()];
        }
        const document = parsed(schema, payload.query);
        if (Array.isArray(document)) return document;
        const contextValue = createContext({ identity: verdict.identity, requestId: randomUUID() });
        return {
          schema,
          document,
          contextValue,
          variableValues: payload.variables,
          operationName: payload.operationName,
        };
      },
      // graphql-ws gives these hooks (ctx, id, payload, [args,] result | errors): only the last matters
      onNext: (...hook) => maskedResult(hook[4]),
      onError: (...hook) => masked(hook[3]),
    },
    wss,
  );
  return upgradeHandler(wss, { dispose: async () => void (await server.dispose()), closeGraceMs });
}

function upgradeHandler(
  wss: WebSocketServer,
  { dispose, closeGraceMs }: { dispose: () => Promise<void>; closeGraceMs: number },
): UpgradeHandler {
  return {
    handle(request, socket, head) {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== GRAPHQL_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    async close() {
      // a peer that never answers the close frame must not hold the service's stop
      const grace = new Promise((resolve) => setTimeout(resolve, closeGraceMs).unref());
      await Promise.race([dispose().catch(() => undefined), grace]);
      for (const socket of wss.clients) socket.terminate();
    },
  };
}
