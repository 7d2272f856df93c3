import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { CollectedSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import { waitFor } from '@shopgraph/service-kit/wait-for';

/** A graphql-ws client of the gateway, as a web app or Apollo Sandbox connects: token in connectionParams. */
export function liveClient(httpUrl: string, token?: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
}

export const EVENT_FIELDS = `id type occurredAt order {
  id status customer { name } items { quantity product { name } } payment { status }
}`;

export interface LiveEvent {
  readonly id: string;
  readonly type: string;
  readonly order: {
    readonly id: string;
    readonly status: string;
    readonly customer: { readonly name: string };
    readonly items: readonly { readonly quantity: number; readonly product: { readonly name: string } }[];
    readonly payment: { readonly status: string } | null;
  };
}

/**
 * graphql-ws acknowledges no `subscribe`, so a subscription through the gateway is known to be
 * registered upstream only once an event reaches it. Places a warm-up order with `placeOne`
 * until an event arrives (each attempt waits 5 s, 24 attempts at most): every order placed
 * after this resolves is seen whole, however slow the machine, with no guessed sleep.
 */
export async function untilLive(live: CollectedSubscription, placeOne: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await placeOne();
    try {
      return await waitFor(() => live.results.length > 0, { what: 'a first event', timeout: 5_000 });
    } catch (error) {
      if (attempt >= 24) throw error;
    }
  }
}
