import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import type { BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { Tracer } from '@opentelemetry/api';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { maskError } from './graphql-errors';
import type { MetricsAccess } from './metrics/metrics-access';
import { metricsRoute } from './metrics/metrics-route';
import { observeRequestsPlugin } from './metrics/observe-requests-plugin';
import { createServiceMetrics } from './metrics/service-metrics';
import type { ServiceMetrics } from './metrics/service-metrics';
import { createGraphQLHttpServer } from './graphql-http-server';
import { HttpRefusal } from './http-refusal';
import type { Identity } from './identity';
import { refuseUnstorableStrings } from './refuse-unstorable-strings';
import { requestIdPlugin } from './request-id-plugin';
import { unknownOutcomePlugin } from './unknown-outcome-plugin';
import { verifyRequest } from './request-signature';
import { tracedResolvers } from './tracing/traced-resolvers';
import { tracingPlugin } from './tracing/tracing-plugin';

/** What every subgraph context starts from: a verified caller and a request ID. */
export interface SignedRequest {
  readonly identity: Identity;
  readonly requestId: string;
}

/** Serves the HTTP upgrades (WebSocket) that reach a subgraph's port. */
export interface UpgradeHandler {
  /** Takes over one upgrade request and its socket. */
  handle(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every connection it took over: once upgraded, the HTTP server no longer closes them. */
  close(): Promise<void>;
}

/** What an upgrade handler serves: the subgraph's own executable schema, secret and contexts. */
export interface UpgradeTarget<C> {
  readonly schema: GraphQLSchema;
  readonly signingSecret: string;
  readonly createContext: (request: SignedRequest) => C;
  readonly log: Logger;
}

/** Options of {@link createSubgraphServer}. */
export interface SubgraphServerOptions<C extends BaseContext & { requestId: string }> {
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<C>;
  /** Secret shared with the gateway; only requests it signed are executed. */
  readonly signingSecret: string;
  readonly createContext: (request: SignedRequest) => C;
  /** True when the service can serve (its database answers). */
  readonly isReady: () => Promise<boolean>;
  readonly log: Logger;
  /** The service's registry. Default: a registry of its own. */
  readonly metrics?: ServiceMetrics;
  /** Who may read the registry at `/metrics`. Default: nobody (404). */
  readonly metricsAccess?: MetricsAccess;
  /**
   * Serves upgrade requests on the same port (the orders subgraph's graphql-ws), built once
   * the schema exists. Default: none, and Node refuses upgrades as it always does.
   */
  readonly upgrade?: (target: UpgradeTarget<C>) => UpgradeHandler;
  /** The service's tracer: request, root-resolver and error spans. Default: none, tracing off. */
  readonly tracer?: Tracer | undefined;
}

/** A subgraph's HTTP server: gateway signature check, masked errors, /health and /ready. */
export async function createSubgraphServer<C extends BaseContext & { requestId: string }>(
  options: SubgraphServerOptions<C>,
): Promise<{ server: Server; apollo: ApolloServer<C>; upgrades: UpgradeHandler | undefined }> {
  const { typeDefs, resolvers, signingSecret, createContext, isReady, log, tracer } = options;
  const { metrics = createServiceMetrics('subgraph'), metricsAccess = { enabled: false } } = options;
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: tracedResolvers(resolvers, tracer) }]);
  const apollo = new ApolloServer<C>({
    schema,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // shutdown is ours (runUntilSignalled): Apollo's handler would stop and re-raise the signal
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // traces would carry resolver timings and error details to the gateway's clients
      ApolloServerPluginInlineTraceDisabled(),
      requestIdPlugin<C>(log),
      observeRequestsPlugin<C>({ metrics, log }),
      refuseUnstorableStrings<C>(),
      unknownOutcomePlugin<C>(),
      ...(tracer ? [tracingPlugin<C>()] : []),
    ],
  });
  await apollo.start();
  const server = createGraphQLHttpServer<C>({
    apollo,
    log,
    // the gateway signs its requests: its trace context is continued (decision 0030)
    tracing: { tracer, callerContext: 'continue' },
    context: async ({ headers, method, target, rawBody, requestId }) => {
      const verdict = verifyRequest({ secret: signingSecret, headers, method, target, body: rawBody });
      if (!verdict.ok) {
        log.warn({ requestId, reason: verdict.reason }, 'refused a request not signed by the gateway');
        throw new HttpRefusal({
          status: 401,
          code: 'UNAUTHENTICATED',
          message: 'This service only answers requests signed by the gateway.',
        });
      }
      return createContext({ identity: verdict.identity, requestId });
    },
    routes: {
      '/health': async () => ({ status: 200, body: { status: 'ok' } }),
      '/ready': async () =>
        (await isReady().catch(() => false))
          ? { status: 200, body: { status: 'ready' } }
          : { status: 503, body: { status: 'unavailable' } },
      '/metrics': metricsRoute({ metrics, ...metricsAccess }),
    },
  });
  const upgrades = options.upgrade?.({ schema, signingSecret, createContext, log });
  if (upgrades) server.on('upgrade', (request, socket, head) => upgrades.handle(request, socket, head));
  return { server, apollo, upgrades };
}
