import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { SetContextLink } from '@apollo/client/link/context';
import { RetryLink } from '@apollo/client/link/retry';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';

/** Options of {@link createApolloClient}. */
export interface ApolloClientOptions {
  /** The gateway's `/graphql` URL (HTTP; the WebSocket URL is derived from it). */
  readonly graphqlUrl: string;
  /** This build's version, sent as `apollographql-client-version`. */
  readonly version: string;
  /** The signed-in user's JWT, read at each request. */
  readonly token: () => string | undefined;
}

// fetch failed: nothing came back. Any answer, even a 4xx/5xx, is the server's word.
const isNetworkError = (error: unknown) =>
  !CombinedGraphQLErrors.is(error) && !ServerError.is(error) && !ServerParseError.is(error);

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
};

/**
 * The storefront's one Apollo Client. A network error is retried with the same variables,
 * which is safe: queries are reads and `placeOrder` carries its attempt's idempotency key.
 * A GraphQL error is an answer and is never retried. The WebSocket retries nothing itself
 * (`retryAttempts: 0`): a subscription that lost its socket ends in an error, and its page
 * resubscribes with `after` (use-resumable-subscription.ts) so no event is missed or repeated.
 */
export function createApolloClient({ graphqlUrl, version, token }: ApolloClientOptions): {
  client: ApolloClient;
  socket: Client;
} {
  const authorization = () => {
    const current = token();
    return current ? `Bearer ${current}` : undefined;
  };
  const socket = createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    connectionParams: () => {
      const value = authorization();
      return value ? { authorization: value } : {};
    },
    retryAttempts: 0,
    lazy: true,
  });
  const auth = new SetContextLink(({ headers }) => {
    const value = authorization();
    return { headers: { ...headers, ...(value ? { authorization: value } : {}) } };
  });
  const retry = new RetryLink({
    delay: { initial: 300, max: 3_000, jitter: true },
    attempts: { max: 4, retryIf: isNetworkError },
  });
  const http = ApolloLink.from([retry, auth, new HttpLink({ uri: graphqlUrl })]);
  const client = new ApolloClient({
    link: ApolloLink.split(isSubscription, new GraphQLWsLink(socket), http),
    cache: new InMemoryCache(),
    clientAwareness: { name: 'shopgraph-web', version },
    // the gateway's @defer: the order page's payment arrives in a later part (multipart/mixed)
    incrementalHandler: new Defer20220824Handler(),
  });
  return { client, socket };
}
