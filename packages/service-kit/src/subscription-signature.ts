import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { encodeIdentity, signRequest, verifyRequest } from '@shopgraph/service-kit/request-signature';
import type { Verification } from '@shopgraph/service-kit/request-signature';

/**
 * Where a signature travels in graphql-ws: under this key of `connectionParams` (the
 * connection: the gateway itself, no identity) and of each subscribe message's
 * `extensions` (the operation: the caller's identity). The values are the three
 * `x-shopgraph-*` headers of HTTP signing, so subgraphs check both with `verifyRequest`.
 */
export const SIGNATURE_KEY = 'shopgraphSignature';

/** What the connection signature covers: nothing but the time, as no operation is sent yet. */
export const CONNECTION_SIGNING_BODY = 'graphql-transport-ws';

/**
 * The method and target a graphql-ws signature stands for. They are no HTTP method, so a
 * signed HTTP request can never pass as a subscription or a connection, nor one as the other.
 */
const CONNECTION = { method: 'GRAPHQL-WS', target: 'connection_init' } as const;
const SUBSCRIBE = { method: 'GRAPHQL-WS', target: 'subscribe' } as const;

/** The operation a subscribe message asks a subgraph to run. */
export interface UpstreamOperation {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
  readonly extensions?: Readonly<Record<string, unknown>> | null | undefined;
}

/**
 * The bytes a subscription's signature covers. Variables are signed as JSON.stringify
 * wrote them; a subgraph that parses the message and stringifies them again gets the same
 * bytes, because JSON that JSON.stringify produced survives that round trip unchanged.
 */
export function subscriptionSigningBody({ query, variables }: UpstreamOperation): string {
  return JSON.stringify({ query, variables: variables ?? {} });
}

/** Options of {@link signSubscription}. */
export interface SignSubscriptionInput {
  readonly secret: string;
  readonly identity: Identity;
  readonly operation: UpstreamOperation;
  readonly now?: number;
}

/** The subscribe payload for a subgraph, signed with the caller's identity; sign it again for each attempt. */
export function signSubscription({ secret, identity, operation, now }: SignSubscriptionInput): UpstreamOperation {
  const body = subscriptionSigningBody(operation);
  const encodedIdentity = encodeIdentity(identity);
  const signature = signRequest({ secret, encodedIdentity, ...SUBSCRIBE, body, ...(now ? { now } : {}) });
  return {
    query: operation.query,
    variables: operation.variables ?? {},
    extensions: { ...operation.extensions, [SIGNATURE_KEY]: signature },
  };
}

const headersOf = (holder: Readonly<Record<string, unknown>> | null | undefined): Record<string, string> => {
  const value = holder?.[SIGNATURE_KEY];
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
};

/** For a subgraph: checks a subscribe message; only a valid signature yields the caller's identity. */
export function verifySubscription(secret: string, operation: UpstreamOperation): Verification {
  const headers = headersOf(operation.extensions);
  return verifyRequest({ secret, headers, ...SUBSCRIBE, body: subscriptionSigningBody(operation) });
}

/** graphql-ws `connectionParams` proving the connection comes from the gateway (fresh per connect). */
export function signConnection(secret: string): Record<string, unknown> {
  const encodedIdentity = encodeIdentity(ANONYMOUS);
  return { [SIGNATURE_KEY]: signRequest({ secret, encodedIdentity, ...CONNECTION, body: CONNECTION_SIGNING_BODY }) };
}

/** For a subgraph's `onConnect`: true when the gateway signed these connection params. */
export function verifyConnection(
  secret: string,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
): boolean {
  const headers = headersOf(connectionParams);
  return verifyRequest({ secret, headers, ...CONNECTION, body: CONNECTION_SIGNING_BODY }).ok;
}
