import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Identity } from '@shopgraph/service-kit/identity';
import { signConnection, signSubscription } from '@shopgraph/service-kit/subscription-signature';
import { waitFor } from '@shopgraph/service-kit/wait-for';

/** An `OrderEvent` as the tests select it. */
export interface ReceivedEvent {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly order: { readonly id: string; readonly status: string };
}

/** How a subscription ended: completed, refused with GraphQL errors, or its socket closed with a code. */
export type Ending =
  | { readonly kind: 'complete' }
  | { readonly kind: 'errors'; readonly codes: readonly unknown[]; readonly messages: readonly string[] }
  | { readonly kind: 'closed'; readonly code: number | undefined };

export interface Followed {
  readonly events: ReceivedEvent[];
  readonly ended: Promise<Ending>;
  received(count: number): Promise<void>;
  dispose(): void;
}

/** A graphql-ws client that signs its connection like the gateway (or, given null, not at all). */
export function gatewayClient(url: string, secret: string | null): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: () => (secret === null ? {} : signConnection(secret)),
  });
}

export const EVENT_SELECTION = 'id type occurredAt order { id status }';

function ending(error: unknown): Ending {
  if (Array.isArray(error)) {
    const errors = error as { message: string; extensions?: { code?: unknown } }[];
    return { kind: 'errors', codes: errors.map((e) => e.extensions?.code), messages: errors.map((e) => e.message) };
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return { kind: 'closed', code: typeof code === 'number' ? code : undefined };
}

export interface FollowRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly identity: Identity;
  /** Signs with this secret; a wrong one makes an unsigned-by-the-gateway message. */
  readonly secret: string;
}

/** Subscribes with a subscribe message signed as the gateway signs it, and records what arrives. */
export function follow(client: Client, { query, variables = {}, identity, secret }: FollowRequest): Followed {
  const events: ReceivedEvent[] = [];
  let settle: (value: Ending) => void = () => undefined;
  const ended = new Promise<Ending>((resolve) => (settle = resolve));
  const payload = signSubscription({ secret, identity, operation: { query, variables } });
  const dispose = client.subscribe<Record<string, ReceivedEvent>>(
    { query: payload.query, variables: { ...payload.variables }, extensions: { ...payload.extensions } },
    {
      next: (result) => {
        const event = result.data && Object.values(result.data)[0];
        if (event) events.push(event);
        else settle({ kind: 'errors', codes: (result.errors ?? []).map((e) => e.extensions?.['code']), messages: [] });
      },
      error: (error) => settle(ending(error)),
      complete: () => settle({ kind: 'complete' }),
    },
  );
  return {
    events,
    ended,
    received: (count) => waitFor(() => events.length >= count, { what: `${count} events`, timeout: 10_000 }),
    dispose,
  };
}
