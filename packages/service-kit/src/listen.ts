import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Connections the kernel may hold for us before we accept them. Node's default (511) overflows
 * when thousands of WebSocket clients reconnect at once (a gateway restart), and the kernel then
 * drops or resets them; the kernel caps this at net.core.somaxconn (4096 on current Linux).
 */
const LISTEN_BACKLOG = 16_384;

/**
 * How long an idle keep-alive connection stays open. Whoever closes an idle connection races the
 * other side's next request on it, which then fails with ECONNRESET, and a POST is not retried:
 * so the side that closes must be the client. Node's 5 s is below what clients and load
 * balancers keep (undici 4 s, but late on a busy machine; AWS ALB and nginx 60 s), so
 * `placeOrder` calls were reset under load. 65 s outlasts them all; Node announces it in the
 * `Keep-Alive: timeout=65` header, which clients that read it (undici) honour.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Listens and resolves to the bound port (pass port 0 for a free one). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, lets requests in flight finish for `graceMs`, then cuts what is left. */
export function close(server: Server, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
