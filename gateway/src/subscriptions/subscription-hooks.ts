import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { ExecutionArgs } from 'graphql';
import { MessageType } from 'graphql-ws';
import type { ExecutionResult, ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket } from 'ws';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { TokenVerifier } from '../auth/token-verifier';
import { rateLimitRefusal } from '../http-guards/rate-limiter';
import type { RateLimiter } from '../http-guards/rate-limiter';
import type { FormatError } from '../limits/hide-field-suggestions';
import { authenticateConnection } from './connection-auth';
import type { FederatedSubscription, FederatedSubscriptions } from './federated-subscription';
import { checkSubscribe } from './subscribe-guard';
import type { SubscribePolicy } from './subscribe-guard';
import { CLOSE, createConnectionRegistry } from './connection-registry';
import type { ConnectionRegistry } from './connection-registry';
import type { SendBudget } from './send-budget';
import { createIdleCollector } from './idle-collector';

/** Options of {@link subscriptionHooks}. */
export interface SubscriptionHooksOptions {
  readonly subscriptions: FederatedSubscriptions;
  readonly policy: SubscribePolicy;
  readonly verifyToken: TokenVerifier;
  /** Each subscription costs one request of the caller's IP and user buckets. */
  readonly limiter: Pick<RateLimiter, 'check'>;
  /** The formatter HTTP uses: masking, and in production no field suggestions. */
  readonly formatError: FormatError;
  readonly maxSubscriptionsPerConnection: number;
  readonly maxBufferedBytes: number;
  /** As TRUST_PROXY: which address a subscription's IP bucket is. Default 0. */
  readonly trustedProxies?: number;
  /** Sends a text message made of `parts` (a subscription's `next` message) to the socket. */
  readonly send: (socket: WebSocket, parts: readonly Buffer[]) => void;
  readonly log: Logger;
}

type Context = Parameters<NonNullable<ServerOptions<Record<string, unknown>, Extra>['onConnect']>>[0];
type Hooks = ServerOptions<Record<string, unknown>, Extra> & { readonly registry: ConnectionRegistry };

// graphql-ws's `next` message around a result's JSON
const NEXT_TAIL = Buffer.from('}');

const refusal = (code: string, message: string) => [new GraphQLError(message, { extensions: { code } })];
const subscriptionOf = (args: ExecutionArgs) =>
  (args.contextValue as { subscription: FederatedSubscription }).subscription;

// results of scopes completing at once, and of events completing out of order
const RECENT_PAYLOADS = 16;

/**
 * How a result becomes the payload of a `next` message: its errors formatted as HTTP formats
 * them, then serialised. A shared result reaches every subscriber of its scope in the same
 * turn, so the last few serialisations are kept and each result is serialised once, not once
 * per subscriber.
 */
function resultPayloads(format: (errors: readonly GraphQLError[]) => ReturnType<FormatError>[]) {
  const recent = new Map<ExecutionResult, Buffer>();
  const formatted = (result: ExecutionResult) => {
    if (!result.errors) return result;
    const { data, extensions } = result;
    return {
      ...(data === undefined ? {} : { data }),
      ...(extensions ? { extensions } : {}),
      errors: format(result.errors),
    };
  };
  return {
    payload(result: ExecutionResult): Buffer {
      let payload = recent.get(result);
      if (payload) return payload;
      payload = Buffer.from(JSON.stringify(formatted(result)));
      recent.set(result, payload);
      if (recent.size > RECENT_PAYLOADS) recent.delete(recent.keys().next().value as ExecutionResult);
      return payload;
    },
  };
}
type Payloads = ReturnType<typeof resultPayloads>;

interface Writing {
  readonly budget: SendBudget;
  readonly payloads: Payloads;
  readonly send: SubscriptionHooksOptions['send'];
}

/**
 * Writes subscription `id`'s results to its socket as graphql-ws `next` messages, bypassing
 * graphql-ws's per-message path (an `onNext` await, a serialisation and a write callback per
 * subscriber): the budget is checked before each write, as before.
 */
function resultWriter(socket: WebSocket, id: string, { budget, payloads, send }: Writing) {
  const head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"${MessageType.Next}","payload":`);
  return (result: ExecutionResult) => {
    budget.check();
    if (socket.readyState !== socket.OPEN) return;
    send(socket, [head, payloads.payload(result), NEXT_TAIL]);
  };
}

function admit(options: SubscriptionHooksOptions, registry: ConnectionRegistry, payloads: Payloads) {
  return (ctx: Context, id: string, payload: Parameters<typeof checkSubscribe>[0]) => {
    const connection = registry.get(ctx.extra.socket);
    if (!connection) return refusal('UNAUTHENTICATED', 'The connection is closing.');
    if (connection.subscriptions.size >= options.maxSubscriptionsPerConnection) {
      const most = options.maxSubscriptionsPerConnection;
      return refusal('RATE_LIMITED', `At most ${most} subscriptions per connection: complete one first.`);
    }
    const checked = checkSubscribe(payload, connection.identity, options.policy);
    if (!checked.ok) return checked.errors;
    const userId = connection.identity.kind === 'user' ? connection.identity.userId : undefined;
    const decision = options.limiter.check({ ip: connection.ip, userId });
    if (!decision.allowed) {
      const { code, message } = rateLimitRefusal(decision.retryAfterSeconds);
      return refusal(code, message);
    }
    const context = { identity: connection.identity, requestId: randomUUID() };
    const variables = payload.variables ?? {};
    try {
      const subscription = options.subscriptions.subscribe({
        operation: checked.operation,
        variables,
        context,
        backlog: connection.budget,
        write: resultWriter(ctx.extra.socket, id, {
          budget: connection.budget,
          payloads,
          send: options.send,
        }),
      });
      connection.subscriptions.set(id, subscription);
      const { document, operationName } = checked.operation;
      return {
        schema: options.policy.schema(),
        document,
        operationName,
        variableValues: variables,
        contextValue: { subscription },
      };
    } catch (error) {
      options.log.warn({ err: error, requestId: context.requestId }, 'subscription could not be planned');
      return refusal('BAD_USER_INPUT', 'This subscription cannot be served.');
    }
  };
}

/**
 * The graphql-ws hooks: authenticate on connect, admit each subscription as HTTP admits a
 * request, hand it to the federated executor, and format every error as HTTP does.
 */
export function subscriptionHooks(options: SubscriptionHooksOptions): Hooks {
  const { formatError, log } = options;
  const { maxBufferedBytes, trustedProxies } = options;
  const idle = createIdleCollector({ log });
  const registry = createConnectionRegistry({
    maxBufferedBytes,
    log,
    onConnections: (count) => idle.connections(count),
    ...(trustedProxies !== undefined && { trustedProxies }),
  });
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));
  const payloads = resultPayloads(format);
  return {
    registry,
    onConnect: async (ctx) => {
      const authentication = await authenticateConnection(options.verifyToken, ctx.connectionParams);
      if (!authentication.ok) {
        ctx.extra.socket.close(CLOSE.unauthorized, authentication.message);
        return false;
      }
      registry.open({ socket: ctx.extra.socket, request: ctx.extra.request, authentication });
      return true;
    },
    onSubscribe: admit(options, registry, payloads),
    subscribe: (args) => subscriptionOf(args),
    // graphql-ws fixes these hooks' arity: the arguments are destructured to stay readable
    onError: (...[, , , errors]: [unknown, unknown, unknown, readonly GraphQLError[]]) => format(errors),
    onComplete: (ctx, id) => {
      registry.get(ctx.extra.socket)?.subscriptions.delete(id);
    },
    onClose: (ctx) => registry.close(ctx.extra.socket),
  };
}
