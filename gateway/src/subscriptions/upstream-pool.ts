import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signConnection } from '@shopgraph/service-kit/subscription-signature';

/** One subgraph's graphql-ws endpoint and the secret it shares with the gateway. */
export interface UpstreamTarget {
  /** `ws://` or `wss://`. */
  readonly url: string;
  readonly secret: string;
}

/** Options of {@link createUpstreamPool}. */
export interface UpstreamPoolOptions {
  /** Ping interval on each upstream socket, in ms. Default 12_000. */
  readonly keepAlive?: number;
  /** How long an upstream socket with no subscription left stays open, in ms. Default 5_000. */
  readonly idleCloseMs?: number;
}

/** Shared upstream connections: every client subscription to one subgraph rides one socket. */
export interface UpstreamPool {
  clientFor(target: UpstreamTarget): Client;
  /** Calls `listener` whenever that subgraph's socket closes, for whatever reason. */
  onClosed(url: string, listener: () => void): () => void;
  /** Listeners of socket closes: one per upstream subscription running. */
  held(): number;
  dispose(): Promise<void>;
}

/** `http(s)://host/graphql` → `ws(s)://host/graphql`: subgraphs serve both on one URL. */
export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http(s?):\/\//i, 'ws$1://');
}

/**
 * The connection carries no identity, only the gateway's signature (made afresh on every
 * connect), so it can be shared by all callers; each subscription is signed with its own
 * caller. graphql-ws never retries by itself here: a retried subscription would reuse a
 * stale signature and miss `after`, so {@link subscribeUpstream} resubscribes instead.
 */
export function createUpstreamPool({
  keepAlive = 12_000,
  idleCloseMs = 5_000,
}: UpstreamPoolOptions = {}): UpstreamPool {
  const clients = new Map<string, Client>();
  const closedListeners = new Map<string, Set<() => void>>();
  const listenersOf = (url: string) => {
    const existing = closedListeners.get(url);
    if (existing) return existing;
    const created = new Set<() => void>();
    closedListeners.set(url, created);
    return created;
  };

  const create = ({ url, secret }: UpstreamTarget): Client =>
    createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: idleCloseMs,
      keepAlive,
      retryAttempts: 0,
      connectionParams: () => signConnection(secret),
      on: { closed: () => [...listenersOf(url)].forEach((listener) => listener()) },
    });

  return {
    clientFor(target) {
      const existing = clients.get(target.url);
      if (existing) return existing;
      const client = create(target);
      clients.set(target.url, client);
      return client;
    },
    onClosed(url, listener) {
      listenersOf(url).add(listener);
      return () => listenersOf(url).delete(listener);
    },
    held: () => [...closedListeners.values()].reduce((sum, listeners) => sum + listeners.size, 0),
    async dispose() {
      const all = [...clients.values()];
      clients.clear();
      closedListeners.clear();
      await Promise.all(all.map((client) => client.dispose()));
    },
  };
}
