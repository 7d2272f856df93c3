import { ApolloServer } from '@apollo/server';
import { maskError } from '@shopgraph/service-kit/graphql-errors';
import { createGraphQLHttpServer } from '@shopgraph/service-kit/graphql-http-server';
import { HttpRefusal } from '@shopgraph/service-kit/http-refusal';
import type { Logger } from '@shopgraph/service-kit/logger';
import { metricsRoute } from '@shopgraph/service-kit/metrics/metrics-route';
import { observeRequestsPlugin } from '@shopgraph/service-kit/metrics/observe-requests-plugin';
import { createServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import { refuseUnstorableStrings } from '@shopgraph/service-kit/refuse-unstorable-strings';
import { requestIdPlugin } from '@shopgraph/service-kit/request-id-plugin';
import { serve } from '@shopgraph/service-kit/running-service';
import { tracerFor } from '@shopgraph/service-kit/tracing/tracing';
import { tracingPlugin } from '@shopgraph/service-kit/tracing/tracing-plugin';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { createTokenVerifier } from './auth/token-verifier';
import type { GatewayConfig } from './config';
import { createGateway } from './create-gateway';
import { deferAwareGateway } from './defer/defer-aware-gateway';
import { createHttpDefer } from './defer/http-defer';
import type { GatewayContext } from './gateway-context';
import { enforceBatchSize } from './http-guards/batch-size';
import { clientIp } from './http-guards/client-ip';
import { createCorsPolicy } from './http-guards/cors';
import { createRateLimiter } from './http-guards/rate-limiter';
import { hideFieldSuggestions } from './limits/hide-field-suggestions';
import { landingPage } from './landing-page';
import { operationLimits } from './limits/operation-limits';
import { refusalMetrics } from './observability/refusal-metrics';
import { operationNamePlugin } from './operation-name-plugin';
import { loadPersistedOperationManifest } from './persisted-operations/persisted-operation-manifest';
import { resolvePersistedOperation } from './persisted-operations/resolve-persisted-operation';
import { readinessRoute } from './readiness';
import { createGatewaySubscriptions } from './subscriptions/gateway-subscriptions';
import { createHttpSubscriptions } from './subscriptions/http-subscriptions';
import { attachSubscriptionServer } from './subscriptions/subscription-server';
import { usageRecordingPlugin } from './usage/usage-recording-plugin';

/**
 * Starts the public endpoint. Every request passes, in order: CORS, the per-IP rate limit
 * (before its body is read), the body size limit, the batch size limit, the persisted-operation
 * policy (for each operation of a batch), the JWT and the per-user rate limit (each operation
 * of a batch counts), then the operation limits during validation. Sandbox and
 * introspection only in development; internal errors are always masked. Subscriptions
 * share the port and path over graphql-ws, under the same policies (subscriptions/).
 */
export async function startGateway(config: GatewayConfig, log: Logger): Promise<RunningService> {
  const production = config.environment === 'production';
  const metrics = createServiceMetrics('gateway');
  const { gateway, supergraph, breakers, plugins } = createGateway(config, log, metrics);
  const limits = operationLimits(config.operationLimits);
  const manifest = await loadPersistedOperationManifest(config.persistedOperations.path);
  // operation names as labels: the manifest's, then a few others, then `other`
  const knownOperations = [...manifest.values()].map((operation) => operation.name);
  const onlyPersisted = config.persistedOperations.only;
  const formatError = production ? hideFieldSuggestions(maskError) : maskError;
  // before apollo.start(), which loads the supergraph the subscriptions must see
  const live = createGatewaySubscriptions({ config, gateway, breakers, log });
  const tracer = tracerFor('gateway');
  const deferAware = deferAwareGateway(gateway);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: deferAware.gateway,
    introspection: !production,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: config.allowBatchedRequests,
    // with only persisted operations allowed, nothing may register a new one (APQ off)
    ...(onlyPersisted ? { persistedQueries: false as const } : {}),
    formatError,
    includeStacktraceInErrorResponses: false,
    // shutdown is ours (runUntilSignalled): Apollo's handler would stop and re-raise the signal
    stopOnTerminationSignals: false,
    plugins: [
      landingPage<GatewayContext>({ production, explorerUrl: config.explorerUrl }),
      requestIdPlugin<GatewayContext>(log),
      observeRequestsPlugin<GatewayContext>({ metrics, log, operations: { known: knownOperations } }),
      operationNamePlugin<GatewayContext>(),
      refuseUnstorableStrings<GatewayContext>(),
      ...plugins,
      usageRecordingPlugin<GatewayContext>(config.usageRecording, log),
      ...(tracer ? [tracingPlugin<GatewayContext>()] : []),
    ],
  });
  await apollo.start();
  const verifyToken = createTokenVerifier(config.jwt);
  const cors = createCorsPolicy({ allowedOrigins: config.corsOrigins });
  const limiter = createRateLimiter(config.rateLimit);
  const policy = { schema: live.schema, limits, manifest, onlyPersisted };
  const httpSubscriptions = createHttpSubscriptions({
    subscriptions: live.subscriptions,
    policy,
    verifyToken,
    formatError,
    maxBufferedBytes: config.subscriptions.maxBufferedBytes,
    maxConnectionsPerIp: config.subscriptions.maxConnectionsPerIp,
    trustedProxies: config.trustedProxies,
    log,
  });
  const httpDefer = createHttpDefer({ apollo, schema: deferAware.schema, limits, log });
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    log,
    maxBodyBytes: config.maxBodyBytes,
    onRefusal: refusalMetrics(metrics),
    // a client's traceparent is linked, never continued: clients do not choose what is sampled (0030)
    tracing: { tracer, callerContext: 'link' },
    guard: (req, res) => {
      // CORS first, so a browser can read even a refusal
      if (cors.handle(req, res) === 'handled') return 'handled';
      limiter.enforce({ ip: clientIp(req, { trustedProxies: config.trustedProxies }) });
      return 'continue';
    },
    prepare: (request) => {
      enforceBatchSize(request.body, config.maxBatchOperations);
      const resolved = resolvePersistedOperation(request, { manifest, onlyPersisted });
      if (!resolved.ok) throw new HttpRefusal(resolved.refusal);
      return resolved.request;
    },
    context: async ({ headers, socket, operations, requestId }) => {
      const { identity } = await verifyToken(headers.authorization);
      // the guard took one token per address before the body was read: a batch pays for the rest
      const ip = clientIp({ headers, socket }, { trustedProxies: config.trustedProxies });
      if (operations > 1) limiter.enforce({ ip }, operations - 1);
      if (identity.kind === 'user') limiter.enforce({ userId: identity.userId }, operations);
      return { identity, requestId };
    },
    intercept: async (intercepted) =>
      (await httpSubscriptions.intercept(intercepted)) === 'handled' ? 'handled' : httpDefer(intercepted),
    routes: {
      '/health': async () => ({ status: 200, body: { status: 'ok' } }),
      '/ready': readinessRoute({ supergraph, breakers }),
      '/metrics': metricsRoute({ metrics, ...config.metrics }),
    },
  });
  const subscriptionServer = attachSubscriptionServer({
    ...config.subscriptions,
    server,
    subscriptions: live.subscriptions,
    policy,
    verifyToken,
    limiter,
    cors,
    trustedProxies: config.trustedProxies,
    formatError,
    log,
    metrics,
  });
  return serve({
    name: 'gateway',
    server,
    host: config.host,
    port: config.port,
    statements: { count: 0 },
    closeUpgraded: () => Promise.all([subscriptionServer.close(), httpSubscriptions.close()]).then(() => undefined),
    release: () => Promise.all([apollo.stop(), live.dispose()]).then(() => undefined),
  });
}
