import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { ServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import { clientIp } from '../http-guards/client-ip';
import type { CorsPolicy } from '../http-guards/cors';
import { rateLimitKey } from '../http-guards/rate-limiter';
import type { ConnectionRegistry } from './connection-registry';
import { DEFAULT_MAX_CONNECTIONS_PER_IP, createConnectionsPerIp } from './connections-per-ip';
import { subscriptionMetrics } from '../observability/subscription-metrics';
import { startHeartbeat } from './heartbeat';
import type { Heartbeat } from './heartbeat';
import { subscriptionHooks } from './subscription-hooks';
import type { SubscriptionHooksOptions } from './subscription-hooks';
import { createUpgradeGuard, refuseUpgrade } from './upgrade-guard';
import { writeTextFrame } from './text-frames';
import { createWriteBatch } from './write-batch';

/** Options of {@link attachSubscriptionServer}; the limits default as documented in the README. */
export interface SubscriptionServerOptions
  extends Omit<SubscriptionHooksOptions, 'maxSubscriptionsPerConnection' | 'maxBufferedBytes' | 'send'> {
  /** The gateway's HTTP server: WebSockets share its port and path. */
  readonly server: Server;
  /** Default `/graphql`. */
  readonly path?: string;
  readonly cors: Pick<CorsPolicy, 'isOriginAllowed'>;
  /** ms a client has to send `connection_init` before 4408 (SUBSCRIPTION_INIT_TIMEOUT_MS). Default 3_000. */
  readonly connectionInitWaitTimeout?: number;
  /** Subscriptions one connection may hold at once (SUBSCRIPTION_MAX_PER_CONNECTION). Default 20. */
  readonly maxSubscriptionsPerConnection?: number;
  /** Largest frame a client may send, in bytes; bigger closes with 1009 (SUBSCRIPTION_MAX_PAYLOAD_BYTES). Default 65_536. */
  readonly maxPayload?: number;
  /** ms between pings; a client that stops answering is cut, see {@link startHeartbeat} (SUBSCRIPTION_KEEP_ALIVE_MS). Default 12_000. */
  readonly keepAlive?: number;
  /** Bytes one client may have waiting to be sent before it is closed 4429 (SUBSCRIPTION_MAX_BUFFERED_BYTES). Default 1_048_576. */
  readonly maxBufferedBytes?: number;
  /** WebSocket connections one client IP may hold open (WS_MAX_CONNECTIONS_PER_IP). Default 50. */
  readonly maxConnectionsPerIp?: number;
  /** The gateway's registry: connections, subscriptions, events delivered and dropped. Default: not measured. */
  readonly metrics?: ServiceMetrics;
}

export interface SubscriptionServer {
  readonly stats: ConnectionRegistry['stats'];
  /** Closes every client (1001) and stops accepting upgrades; the HTTP server stays up. */
  close(): Promise<void>;
}

/**
 * graphql-ws (subprotocol graphql-transport-ws, what Apollo Sandbox speaks) on the gateway's
 * own port and path. The Origin allowlist, the per-IP rate limit and the cap on connections
 * per IP run on the upgrade request, before a socket exists; the rest is in {@link subscriptionHooks}.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { server, path = '/graphql', cors, limiter, trustedProxies = 0 } = options;
  const {
    connectionInitWaitTimeout = 3_000, // 3 seconds
    maxSubscriptionsPerConnection = 20,
    maxPayload = 65_536, // 64 KiB
    keepAlive = 12_000, // 12 seconds
    maxBufferedBytes = 1_048_576, // 1 MiB
    maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP,
  } = options;
  // no permessage-deflate: ws then writes each of its frames at once, and results are written as
  // frames of their own next to them (see writeTextFrame)
  const wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false });
  // per WebSocket: its TCP socket, whose writes a batch holds, and its heartbeat
  const outboxes = new WeakMap<WebSocket, { readonly tcp: Duplex; readonly heartbeat: Heartbeat }>();
  const batch = createWriteBatch();
  const send = (socket: WebSocket, parts: readonly Buffer[]) => {
    const outbox = outboxes.get(socket);
    // a peer gone before ws has noticed: a write would only build an error to drop
    if (!outbox?.tcp.writable) return;
    observe?.delivered();
    outbox.heartbeat.sent();
    batch.hold(outbox.tcp);
    writeTextFrame(outbox.tcp, parts);
  };
  const hooks = subscriptionHooks({ ...options, maxSubscriptionsPerConnection, maxBufferedBytes, send });
  const observe = options.metrics ? subscriptionMetrics(options.metrics, hooks.registry.stats) : undefined;
  // graphql-ws's own keep-alive (0: off) cuts a client whose pong is late behind the frames sent
  // to it; the heartbeat allows for that (decision 0059)
  const graphqlWs = useServer({ ...hooks, connectionInitWaitTimeout }, wss, 0);
  const guard = createUpgradeGuard({ cors, limiter, trustedProxies });
  const perIp = createConnectionsPerIp(maxConnectionsPerIp);

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path)
      return refuseUpgrade(socket, { status: 404 });
    const refusal = guard(request);
    if (refusal) return refuseUpgrade(socket, refusal);
    // counted like the rate limit (IPv6 by its /64), before any WebSocket exists
    const ip = rateLimitKey(clientIp(request, { trustedProxies }));
    if (!perIp.acquire(ip)) return refuseUpgrade(socket, { status: 429 });
    // the TCP socket closes however the connection ends, a failed handshake included
    socket.once('close', () => perIp.release(ip));
    wss.handleUpgrade(request, socket, head, (ws) => {
      const heartbeat = startHeartbeat(ws, { intervalMs: keepAlive });
      outboxes.set(ws, { tcp: socket, heartbeat });
      ws.once('close', (code) => {
        heartbeat.stop();
        observe?.closed(code);
      });
      wss.emit('connection', ws, request);
    });
  };
  server.on('upgrade', onUpgrade);
  return {
    stats: hooks.registry.stats,
    async close() {
      server.off('upgrade', onUpgrade);
      // ws reports a server already closed as an error; a stop must not crash on it
      await Promise.resolve(graphqlWs.dispose()).catch(() => undefined);
    },
  };
}
