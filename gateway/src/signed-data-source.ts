import { context as contexts, propagation } from '@opentelemetry/api';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import { SIGNATURE_HEADERS, encodeIdentity } from '@shopgraph/service-kit/request-signature';
import type { GatewayContext } from './gateway-context';

/** Passes the verified caller to the subgraph; the signing fetcher then signs it with the body. */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const identity = 'identity' in context && context.identity ? context.identity : ANONYMOUS;
    request.http?.headers.set(SIGNATURE_HEADERS.identity, encodeIdentity(identity));
    if ('requestId' in context) request.http?.headers.set('x-request-id', context.requestId);
    // `traceparent` of the gateway.fetch span; unsigned: it only places the subgraph's spans (decision 0030)
    const headers = request.http?.headers;
    if (headers)
      propagation.inject(contexts.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
  }
}
