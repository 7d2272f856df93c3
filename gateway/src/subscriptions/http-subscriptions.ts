import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { InterceptedRequest } from '@shopgraph/service-kit/graphql-http-server';
import { HttpRefusal } from '@shopgraph/service-kit/http-refusal';
import type { Logger } from '@shopgraph/service-kit/logger';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import type { TokenVerifier } from '../auth/token-verifier';
import type { GatewayContext } from '../gateway-context';
import { clientIp } from '../http-guards/client-ip';
import { rateLimitKey } from '../http-guards/rate-limiter';
import type { FormatError } from '../limits/hide-field-suggestions';
import { createConnectionsPerIp } from './connections-per-ip';
import type { FederatedSubscription, FederatedSubscriptions } from './federated-subscription';
import { HOW_TO_SUBSCRIBE, negotiateStreamFormat } from './http-stream-format';
import type { HttpStreamFormat } from './http-stream-format';
import { isSubscription, operationsOf } from './http-subscription-request';
import { streamSubscription } from './http-subscription-stream';
import { checkSubscribe } from './subscribe-guard';
import type { SubscribePayload, SubscribePolicy } from './subscribe-guard';
import type { PlannedOperation } from './subscription-planner';
import { createSendBudget } from './send-budget';

/** Options of {@link createHttpSubscriptions}: the limits are graphql-ws's (README, "Subscriptions"). */
export interface HttpSubscriptionsOptions {
  readonly subscriptions: FederatedSubscriptions;
  readonly policy: SubscribePolicy;
  readonly verifyToken: TokenVerifier;
  readonly formatError: FormatError;
  /** Bytes one client may have waiting before its response is cut (SUBSCRIPTION_MAX_BUFFERED_BYTES). */
  readonly maxBufferedBytes: number;
  /** Streams one client IP may hold open (WS_MAX_CONNECTIONS_PER_IP, counted apart from WebSockets). */
  readonly maxConnectionsPerIp: number;
  readonly trustedProxies: number;
  /** ms between heartbeats while no event comes. Default 5_000, as Apollo's router. */
  readonly heartbeatMs?: number;
  readonly log: Logger;
}

export interface HttpSubscriptions {
  /** For `createGraphQLHttpServer`'s `intercept`: streams a subscription, refuses one it cannot. */
  intercept(request: InterceptedRequest<GatewayContext>): Promise<'handled' | 'continue'>;
  /** Ends every stream (each gets its closing part) and waits, briefly, for them to flush. */
  close(): Promise<void>;
}

const badRequest = (message: string) => new HttpRefusal({ status: 400, code: 'BAD_REQUEST', message });
const SIGN_IN = 'Sign in to subscribe: send `Authorization: Bearer <token>`.';
const TOKEN_EXPIRED = () => new GraphQLError('token expired', { extensions: { code: 'UNAUTHENTICATED' } });
const CLOSE_GRACE_MS = 1_000;
const TOO_MANY_STREAMS = new HttpRefusal({
  status: 429,
  code: 'RATE_LIMITED',
  message: 'Too many open subscriptions from this address: end one first.',
});

type Variables = Readonly<Record<string, unknown>>;
interface Stream {
  readonly res: ServerResponse;
  readonly format: HttpStreamFormat;
  readonly expiresAt: number | undefined;
  readonly requestId: string;
}

// A browser preflights a JSON POST, so a page elsewhere cannot open a stream in a visitor's name.
function streamable(req: IncomingMessage, operations: readonly SubscribePayload[]): HttpStreamFormat {
  const format = negotiateStreamFormat(req.headers);
  if (!format) throw badRequest(HOW_TO_SUBSCRIBE);
  const json = /^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '');
  if (req.method !== 'POST' || !json || operations.length !== 1)
    throw badRequest('POST one subscription as `content-type: application/json` to stream it.');
  return format;
}

function sendErrors(res: ServerResponse, errors: readonly unknown[]): 'handled' {
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors }));
  return 'handled';
}

/**
 * Subscriptions over HTTP for clients without WebSockets, admitted exactly as graphql-ws
 * admits them (persisted-operation policy, limits, a signed-in caller) and served by the
 * same federated executor; any other subscription sent over HTTP gets a 400 saying how.
 */
export function createHttpSubscriptions(options: HttpSubscriptionsOptions): HttpSubscriptions {
  const { policy, verifyToken, formatError, log, heartbeatMs = 5_000 } = options;
  const perIp = createConnectionsPerIp(options.maxConnectionsPerIp);
  const open = new Set<FederatedSubscription>();

  const start = (
    operation: PlannedOperation,
    variables: Variables,
    at: { context: GatewayContext; res: ServerResponse },
  ) => {
    const { context, res } = at;
    const backlog = createSendBudget({
      maxBytes: options.maxBufferedBytes,
      bufferedAmount: () => res.writableLength,
      onExceeded: () => (log.warn({ requestId: context.requestId }, 'cutting a stream read too slowly'), res.destroy()),
    });
    try {
      return options.subscriptions.subscribe({ operation, variables, context, backlog });
    } catch (error) {
      log.warn({ err: error, requestId: context.requestId }, 'subscription could not be planned');
      throw new HttpRefusal({ status: 400, code: 'BAD_USER_INPUT', message: 'This subscription cannot be served.' });
    }
  };

  const run = async (subscription: FederatedSubscription, stream: Stream) => {
    const { expiresAt, requestId } = stream;
    open.add(subscription);
    // as on a WebSocket: the token's expiry ends the subscription with UNAUTHENTICATED
    const expiry = expiresAt && setTimeout(() => subscription.fail([TOKEN_EXPIRED()]), expiresAt - Date.now());
    await streamSubscription({ ...stream, subscription, formatError, heartbeatMs, log, requestId });
    clearTimeout(expiry);
    open.delete(subscription);
  };

  async function serve({ request, context, req, res }: InterceptedRequest<GatewayContext>) {
    const operations = operationsOf(request);
    const payload = operations.find((operation) => isSubscription(operation, policy.limits.parseOptions));
    if (!payload) return 'continue';
    const format = streamable(req, operations);
    const { identity, expiresAt } = await verifyToken(req.headers.authorization);
    if (identity.kind !== 'user') throw new HttpRefusal({ status: 401, code: 'UNAUTHENTICATED', message: SIGN_IN });
    const checked = checkSubscribe(payload, identity, policy);
    if (!checked.ok)
      return sendErrors(
        res,
        checked.errors.map((error) => formatError(error.toJSON(), error)),
      );
    const ip = rateLimitKey(clientIp(req, { trustedProxies: options.trustedProxies }));
    if (!perIp.acquire(ip)) throw TOO_MANY_STREAMS;
    try {
      const subscription = start(checked.operation, payload.variables ?? {}, { context, res });
      await run(subscription, { res, format, expiresAt, requestId: context.requestId });
    } finally {
      perIp.release(ip);
    }
    return 'handled';
  }

  return {
    intercept: serve,
    async close() {
      open.forEach((subscription) => void subscription.return());
      await waitFor(() => open.size === 0, { timeout: CLOSE_GRACE_MS }).catch(() => undefined);
    },
  };
}
