// The server of the WebSocket floor (websocket-floor.ts), in a process of its own as the gateway
// is: plain `ws`, no GraphQL, no subscriptions; it writes each frame to every client it holds.
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer } from 'ws';

export interface FloorCommand {
  readonly frames: number;
  readonly intervalMs: number;
  readonly padding: number;
}

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, backlog: 16_384 });
server.on('listening', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address !== null ? address.port : 0 });
});
process.on('message', (command: FloorCommand) => {
  void (async () => {
    for (let n = 0; n < command.frames; n++) {
      // a graphql-ws `next` frame of an event's size, stamped when it is written
      const payload = { data: { sentAt: Date.now(), padding: 'x'.repeat(command.padding) } };
      const frame = JSON.stringify({ id: '1', type: 'next', payload });
      for (const client of server.clients) client.send(frame);
      await sleep(command.intervalMs);
    }
    process.send?.({ clients: server.clients.size });
  })();
});
