import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

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
