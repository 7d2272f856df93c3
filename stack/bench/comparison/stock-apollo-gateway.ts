import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { Identity } from '@shopgraph/service-kit/identity';
import { announce, identityOf, routedSupergraph, signatureFor } from './comparison-env';

// The bench's baseline: a minimal @apollo/gateway + @apollo/server, as a team would write it in
// an afternoon (same versions as ours), with only what the subgraphs require to answer: the
// caller's identity from a JWT and each request signed over its exact body. Run as its own
// process by `npm run bench` (gateway-comparison.ts) so its CPU can be read from /proc.
interface Context {
  readonly identity: Identity;
}

class SigningDataSource extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>): void {
    if ('identity' in context) request.http?.headers.set('x-bench-identity', JSON.stringify(context.identity));
  }
}

const signingFetch = (async (url: string, init: RequestInit & { headers: Record<string, string> }) => {
  const { 'x-bench-identity': passed = '{"kind":"anonymous"}', ...headers } = init.headers;
  const identity = JSON.parse(passed) as Identity;
  const body = typeof init.body === 'string' ? init.body : '';
  return fetch(url, { ...init, headers: { ...headers, ...signatureFor({ url, identity, body }) } });
}) as unknown as Fetcher;

const gateway = new ApolloGateway({
  supergraphSdl: routedSupergraph(),
  buildService: ({ url }) => new SigningDataSource({ url: url ?? '', fetcher: signingFetch }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async ({ req }) => ({ identity: await identityOf(req.headers.authorization) }),
});
announce(url);
