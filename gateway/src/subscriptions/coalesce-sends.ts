import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Holds the frames `ws` sends in one turn of the event loop and writes them together at the
 * end of it: one write (one system call) per client per turn, not one per result. A client that
 * is behind gets the results waiting for it, which graphql-ws sends one after another in the same
 * turn, in one write; a client that is not waits for nothing but the end of the current turn.
 * Node counts nested corks, so `ws`'s own cork around a frame's header and body still holds.
 */
export function coalesceSends(ws: WebSocket, socket: Duplex): void {
  const send = ws.send.bind(ws);
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  ws.send = ((...args: Parameters<typeof send>) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      setImmediate(uncork);
    }
    send(...args);
  }) as typeof ws.send;
}
