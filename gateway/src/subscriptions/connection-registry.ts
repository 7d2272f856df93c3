import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type WebSocket from 'ws';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { Logger } from '@shopgraph/service-kit/logger';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { clientIp } from '../http-guards/client-ip';
import type { ConnectionIdentity } from './connection-auth';
import type { FederatedSubscription } from './federated-subscription';
import { createSendBudget } from './send-budget';
import type { SendBudget } from './send-budget';

/** Close codes a client can act on. */
export const CLOSE = {
  /** Log in again, then reconnect (the token is invalid or has expired). */
  unauthorized: 4401,
  /** The client read too slowly; reconnect with `after` to catch up. */
  tooSlow: 4429,
} as const;

/** One open, acknowledged connection. */
export interface Connection {
  readonly identity: Identity;
  readonly ip: string;
  readonly subscriptions: Map<string, FederatedSubscription>;
  readonly budget: SendBudget;
}

/** Options of {@link createConnectionRegistry}. */
export interface ConnectionRegistryOptions {
  readonly maxBufferedBytes: number;
  readonly trustedProxies?: number;
  readonly log: Logger;
  /** Told the number of open connections after each open and close. Default: nobody. */
  readonly onConnections?: (count: number) => void;
}

/** Input of {@link ConnectionRegistry.open}. */
export interface OpenConnection {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  readonly authentication: ConnectionIdentity;
}

export interface ConnectionRegistry {
  open(connection: OpenConnection): void;
  get(socket: WebSocket): Connection | undefined;
  close(socket: WebSocket): void;
  /** Open connections, their subscriptions, and the highest send backlog any connection reached, in bytes. */
  stats(): { readonly connections: number; readonly subscriptions: number; readonly peakBufferedBytes: number };
}

// setTimeout's longest delay; a token valid longer is re-armed when that much has passed
const MAX_TIMER_MS = 2_147_483_647;
// how long the last results may take to flush before the socket closes anyway
const FLUSH_GRACE_MS = 1_000;
// a slow reader cannot receive a close frame queued behind what it did not read
const SLOW_CLIENT_TERMINATE_MS = 1_000;

const TOKEN_EXPIRED = () => new GraphQLError('token expired', { extensions: { code: 'UNAUTHENTICATED' } });

async function endAll(connection: Connection, errors: readonly GraphQLError[]): Promise<void> {
  const running = [...connection.subscriptions.values()];
  running.forEach((subscription) => subscription.fail(errors));
  // the last results flush as graphql-ws completes each subscription; past the grace, close anyway
  await waitFor(() => connection.subscriptions.size === 0, { timeout: FLUSH_GRACE_MS }).catch(() => undefined);
}

/**
 * What the gateway holds per WebSocket connection, and the two ways it ends one itself:
 * the token's expiry (every subscription ends UNAUTHENTICATED, then 4401) and a reader
 * too slow for its send budget (4429, then the socket is cut).
 */
export function createConnectionRegistry({
  maxBufferedBytes,
  trustedProxies = 0,
  log,
  onConnections = () => {},
}: ConnectionRegistryOptions): ConnectionRegistry {
  const connections = new Map<WebSocket, Connection & { timer?: NodeJS.Timeout }>();
  let retiredPeak = 0;

  const tooSlow = (socket: WebSocket) => {
    const connection = connections.get(socket);
    log.warn(
      { ip: connection?.ip, bufferedAmount: socket.bufferedAmount },
      'closing a WebSocket client that reads too slowly',
    );
    connection?.subscriptions.forEach((subscription) => void subscription.return());
    socket.close(CLOSE.tooSlow, 'Reading too slowly: reconnect and resume with after');
    setTimeout(() => socket.terminate(), SLOW_CLIENT_TERMINATE_MS).unref();
  };
  const expire = (socket: WebSocket, expiresAt: number) => {
    const connection = connections.get(socket);
    if (!connection) return;
    const remaining = expiresAt - Date.now();
    if (remaining > 0)
      return void (connection.timer = setTimeout(() => expire(socket, expiresAt), Math.min(remaining, MAX_TIMER_MS)));
    void endAll(connection, [TOKEN_EXPIRED()]).then(() => socket.close(CLOSE.unauthorized, 'token expired'));
  };

  return {
    open({ socket, request, authentication }) {
      const budget = createSendBudget({
        maxBytes: maxBufferedBytes,
        bufferedAmount: () => socket.bufferedAmount,
        onExceeded: () => tooSlow(socket),
      });
      const ip = clientIp(request, { trustedProxies });
      connections.set(socket, { identity: authentication.identity, ip, subscriptions: new Map(), budget });
      if (authentication.expiresAt !== undefined) expire(socket, authentication.expiresAt);
      onConnections(connections.size);
    },
    get: (socket) => connections.get(socket),
    close(socket) {
      const connection = connections.get(socket);
      if (!connection) return;
      clearTimeout(connection.timer);
      retiredPeak = Math.max(retiredPeak, connection.budget.peakBytes);
      connections.delete(socket);
      onConnections(connections.size);
    },
    stats: () => ({
      connections: connections.size,
      subscriptions: [...connections.values()].reduce((sum, c) => sum + c.subscriptions.size, 0),
      peakBufferedBytes: Math.max(retiredPeak, ...[...connections.values()].map((c) => c.budget.peakBytes)),
    }),
  };
}
