import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Connections the kernel may hold for us before we accept them. Node's default (511) overflows
 * when thousands of WebSocket clients reconnect at once (a gateway restart), and the kernel then
 * drops or resets them; the kernel caps this at net.core.somaxconn (4096 on current Linux).
 */
const LISTEN_BACKLOG = 16_384;

/** Listens and resolves to the bound port (pass port 0 for a free one). */
export function listen(server: Server, port: number, host: string): Promise<number> {
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
