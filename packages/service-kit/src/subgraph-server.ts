import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import type { BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { maskError } from './graphql-errors';
import { createGraphQLHttpServer } from './graphql-http-server';
import { HttpRefusal } from './http-refusal';
import type { Identity } from './identity';
import { requestIdPlugin } from './request-id-plugin';
import { verifyRequest } from './request-signature';

/** What every subgraph context starts from: a verified caller and a request ID. */
export interface SignedRequest {
  readonly identity: Identity;
  readonly requestId: string;
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
}

/** A subgraph's HTTP server: gateway signature check, masked errors, /health and /ready. */
export async function createSubgraphServer<C extends BaseContext & { requestId: string }>(
  options: SubgraphServerOptions<C>,
): Promise<{ server: Server; apollo: ApolloServer<C> }> {
  const { typeDefs, resolvers, signingSecret, createContext, isReady, log } = options;
  const apollo = new ApolloServer<C>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // shutdown is ours (runUntilSignalled): Apollo's handler would stop and re-raise the signal
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // traces would carry resolver timings and error details to the gateway's clients
      ApolloServerPluginInlineTraceDisabled(),
      requestIdPlugin<C>(log),
    ],
  });
  await apollo.start();
  const server = createGraphQLHttpServer<C>({
    apollo,
    log,
    context: async ({ headers, rawBody, requestId }) => {
      const verdict = verifyRequest({ secret: signingSecret, headers, body: rawBody });
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
    },
  });
  return { server, apollo };
}
