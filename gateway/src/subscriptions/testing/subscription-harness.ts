import { createServer } from 'node:http';
import { composeServices } from '@apollo/composition';
import { createClient } from 'graphql-ws';
import type { Client, ClientOptions } from 'graphql-ws';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import type { Role } from '@shopgraph/service-kit/identity';
import { secretKey } from '@shopgraph/service-kit/jwt-contract';
import { close, listen } from '@shopgraph/service-kit/listen';
import { createLogger } from '@shopgraph/service-kit/logger';
import { createTokenVerifier } from '../../auth/token-verifier';
import { createCorsPolicy } from '../../http-guards/cors';
import type { AllowedOrigins } from '../../http-guards/cors';
import { createRateLimiter } from '../../http-guards/rate-limiter';
import type { RateLimiterOptions } from '../../http-guards/rate-limiter';
import { maskError } from '@shopgraph/service-kit/graphql-errors';
import { operationLimits } from '../../limits/operation-limits';
import type { OperationLimitOptions } from '../../limits/operation-limits';
import { createSubgraphBreakers } from '../../resilience/subgraph-breakers';
import { createFederatedSubscriptions } from '../federated-subscription';
import { signedServiceMap } from '../signed-service-map';
import { attachSubscriptionServer } from '../subscription-server';
import type { SubscriptionServerOptions } from '../subscription-server';
import { createSubscriptionPlanner } from '../subscription-planner';
import { createUpstreamPool, webSocketUrl } from '../upstream-pool';
import { EVENT_SUBGRAPH_SDL, startEventSubgraph } from './event-subgraph';
import { PRODUCT_SUBGRAPH_SDL, startProductSubgraph } from './product-subgraph';

const SECRET = 'a-subgraph-signing-secret-for-tests-only';
const JWT = { kid: 'k1', secret: 'a-test-jwt-secret-that-is-long-enough!' };
const jwtSettings = { keys: [JWT] as const, issuer: 'shopgraph', audience: 'shopgraph-api', maxTtlSeconds: 3_600 };

/** Options of {@link startSubscriptionHarness}: the knobs the tests turn. */
export interface HarnessOptions {
  readonly server?: Partial<
    Pick<
      SubscriptionServerOptions,
      | 'maxSubscriptionsPerConnection'
      | 'maxPayload'
      | 'maxBufferedBytes'
      | 'keepAlive'
      | 'connectionInitWaitTimeout'
      | 'maxConnectionsPerIp'
    >
  >;
  readonly limits?: OperationLimitOptions;
  readonly allowedOrigins?: AllowedOrigins;
  readonly rateLimit?: RateLimiterOptions;
  /** As TRUST_PROXY. Default 0. */
  readonly trustedProxies?: number;
  /** Event completions at once (see {@link createFederatedSubscriptions}). Default: its own. */
  readonly maxConcurrentCompletions?: number;
  /** ms before a completion a subgraph did not answer runs again. Default: its own. */
  readonly completionRetryDelayMs?: number;
  /** ms the gateway waits for a subgraph's answer. Default 5_000. */
  readonly subgraphTimeoutMs?: number;
}

/** Options of {@link SubscriptionHarness.client}. */
export interface HarnessClientOptions {
  /** A `Bearer` token; anonymous without. */
  readonly token?: string;
  readonly origin?: string;
  /** Other headers of the upgrade request, e.g. `x-forwarded-for`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly extra?: Partial<ClientOptions>;
}

function compose(eventsUrl: string, productsUrl: string): string {
  const composed = composeServices([
    { name: 'events', typeDefs: EVENT_SUBGRAPH_SDL, url: eventsUrl },
    { name: 'products', typeDefs: PRODUCT_SUBGRAPH_SDL, url: productsUrl },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  return composed.supergraphSdl;
}

/**
 * Signs a token as the users service would; `expiresAt` in epoch seconds or a jose duration,
 * `secret` the gateway's JWT_SECRET (default: this harness's).
 */
export function testToken(userId: string, expiresAt: number | string = '1h', secret = JWT.secret): Promise<string> {
  return signedToken({ userId, role: 'CUSTOMER', expiresAt, secret });
}

/** An ADMIN's token, signed as {@link testToken} signs a customer's. */
export function testAdminToken(userId: string): Promise<string> {
  return signedToken({ userId, role: 'ADMIN', expiresAt: '1h', secret: JWT.secret });
}

function signedToken({
  userId,
  role,
  expiresAt,
  secret,
}: {
  userId: string;
  role: Role;
  expiresAt: number | string;
  secret: string;
}) {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256', kid: JWT.kid })
    .setSubject(userId)
    .setIssuer(jwtSettings.issuer)
    .setAudience(jwtSettings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(secretKey(secret));
}

/**
 * The gateway's subscription side over two real subgraphs: a graphql-ws event subgraph and
 * an HTTP product subgraph, composed into a supergraph, behind a real WebSocket server.
 */
export async function startSubscriptionHarness(options: HarnessOptions = {}) {
  const log = createLogger('gateway-test', 'silent');
  const [events, products] = await Promise.all([startEventSubgraph(SECRET), startProductSubgraph(SECRET)]);
  const planner = createSubscriptionPlanner(compose(events.url, products.url));
  const endpoints = new Map(
    [...planner.routingUrls].map(([name, url]) => [
      name,
      { url, secret: SECRET, timeoutMs: options.subgraphTimeoutMs ?? 5_000 },
    ]),
  );
  const serviceMap = signedServiceMap({ endpoints, breakers: createSubgraphBreakers({ log }), log });
  const pool = createUpstreamPool();
  const subscriptions = createFederatedSubscriptions({
    planner: () => planner,
    serviceMap: () => serviceMap,
    pool,
    target: (name) => ({ url: webSocketUrl(endpoints.get(name)?.url ?? ''), secret: SECRET }),
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    ...(options.maxConcurrentCompletions !== undefined && {
      maxConcurrentCompletions: options.maxConcurrentCompletions,
    }),
    ...(options.completionRetryDelayMs !== undefined && { completionRetryDelayMs: options.completionRetryDelayMs }),
    log,
  });
  const server = createServer((_req, res) => res.writeHead(404).end());
  const subscriptionServer = attachSubscriptionServer({
    ...options.server,
    server,
    subscriptions,
    policy: {
      schema: () => planner.apiSchema,
      limits: operationLimits(options.limits),
      manifest: new Map(),
      onlyPersisted: false,
    },
    verifyToken: createTokenVerifier(jwtSettings),
    limiter: createRateLimiter(options.rateLimit),
    cors: createCorsPolicy({ allowedOrigins: options.allowedOrigins ?? 'any' }),
    ...(options.trustedProxies !== undefined && { trustedProxies: options.trustedProxies }),
    formatError: maskError,
    log,
  });
  const port = await listen(server, 0, '127.0.0.1');
  const url = `ws://127.0.0.1:${port}/graphql`;
  const clients: Client[] = [];
  return {
    url,
    events,
    products,
    stats: subscriptionServer.stats,
    /** What the gateway holds for running subscriptions (all 0 once every client has left). */
    held: () => ({ ...subscriptions.held(), closeListeners: pool.held() }),
    client({ token, origin, headers: more = {}, extra = {} }: HarnessClientOptions = {}): Client {
      const headers = { ...more, ...(origin && { origin }) };
      const Impl = class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      };
      const client = createClient({
        url,
        webSocketImpl: Impl,
        retryAttempts: 0,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        ...extra,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.dispose()));
      await subscriptionServer.close();
      await pool.dispose();
      server.closeAllConnections();
      await close(server, 0);
      await Promise.all([events.stop(), products.stop()]);
    },
  };
}

export type SubscriptionHarness = Awaited<ReturnType<typeof startSubscriptionHarness>>;
