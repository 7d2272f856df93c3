import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { maskError } from '@shopgraph/service-kit/graphql-errors';
import { createGraphQLHttpServer } from '@shopgraph/service-kit/graphql-http-server';
import type { Logger } from '@shopgraph/service-kit/logger';
import { requestIdPlugin } from '@shopgraph/service-kit/request-id-plugin';
import { serve } from '@shopgraph/service-kit/running-service';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { createTokenVerifier } from './auth/token-verifier';
import type { GatewayConfig } from './config';
import { createGateway } from './create-gateway';
import type { GatewayContext } from './gateway-context';
import { subgraphReadiness } from './readiness';

/** Starts the public endpoint: Sandbox and introspection in development, masked errors always. */
export async function startGateway(config: GatewayConfig, log: Logger): Promise<RunningService> {
  const production = config.environment === 'production';
  const { gateway, subgraphUrls } = createGateway(config, log);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // shutdown is ours (runUntilSignalled): Apollo's handler would stop and re-raise the signal
    stopOnTerminationSignals: false,
    plugins: [
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      requestIdPlugin<GatewayContext>(log),
    ],
  });
  await apollo.start();
  const verifyToken = createTokenVerifier(config.jwt);
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    log,
    maxBodyBytes: config.maxBodyBytes,
    context: async ({ headers, requestId }) => ({ identity: await verifyToken(headers.authorization), requestId }),
    routes: {
      '/health': async () => ({ status: 200, body: { status: 'ok' } }),
      '/ready': async () => {
        const subgraphs = await subgraphReadiness(subgraphUrls);
        const ready = subgraphUrls.size > 0 && Object.values(subgraphs).every(Boolean);
        return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'unavailable', subgraphs } };
      },
    },
  });
  return serve({
    name: 'gateway',
    server,
    host: config.host,
    port: config.port,
    statements: { count: 0 },
    release: () => apollo.stop(),
  });
}
