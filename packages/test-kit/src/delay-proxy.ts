import { createConnection, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export interface DelayProxy {
  readonly port: number;
  /** Added before each chunk travels from client to target; change it at any time. */
  delayMs: number;
  /** Connections accepted so far (a breaker that is open makes none). */
  readonly connections: number;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 that slows one service down, for timeout tests. */
export async function startDelayProxy(targetPort: number, delayMs = 0): Promise<DelayProxy> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const proxy = {
    port: 0,
    delayMs,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
  const server = createServer((client) => {
    connections += 1;
    const target = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, target]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('data', (chunk) => setTimeout(() => target.write(chunk), proxy.delayMs));
    target.pipe(client);
    client.on('close', () => target.destroy());
    target.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}
