// The server of the WebSocket floor (websocket-floor.ts), in a process of its own as the gateway
// is: plain `ws`, no GraphQL, no subscriptions; it writes each frame to every client it holds.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer } from 'ws';
import { textFrame } from '@shopgraph/gateway/subscriptions/text-frames';

export interface FloorCommand {
  readonly frames: number;
  readonly intervalMs: number;
  readonly padding: number;
  /**
   * false: each frame is stamped as it is written, and the next is written `intervalMs` after.
   * true: frame n is due `n × intervalMs` after the start and stamped with that time, as an
   * event is with its commit; every frame due is written at once, all in one write per client.
   */
  readonly onSchedule: boolean;
}

// a graphql-ws `next` message of an event's size
const message = (sentAt: number, padding: number) =>
  JSON.stringify({ id: '1', type: 'next', payload: { data: { sentAt, padding: 'x'.repeat(padding) } } });

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, backlog: 16_384 });
server.on('listening', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address !== null ? address.port : 0 });
});
// the clients' TCP sockets, which the schedule writes its frames to directly, as the gateway does
const sockets = new Set<Socket>();
server.on('connection', (_client, request) => {
  sockets.add(request.socket);
  request.socket.once('close', () => sockets.delete(request.socket));
});

async function writeEach(command: FloorCommand): Promise<void> {
  for (let n = 0; n < command.frames; n++) {
    const frame = message(Date.now(), command.padding);
    for (const client of server.clients) client.send(frame);
    await sleep(command.intervalMs);
  }
}

/**
 * The least a server can do to send these frames on time: everything due leaves in one write per
 * client, the same bytes for all of them, and no frame is built twice.
 */
async function writeOnSchedule(command: FloorCommand): Promise<void> {
  const start = Date.now();
  let sent = 0;
  while (sent < command.frames) {
    const due = Math.min(command.frames, Math.floor((Date.now() - start) / command.intervalMs) + 1);
    const frames: Buffer[] = [];
    for (let n = sent; n < due; n++)
      frames.push(textFrame([Buffer.from(message(start + n * command.intervalMs, command.padding))]));
    const bytes = Buffer.concat(frames);
    for (const socket of sockets) socket.write(bytes);
    sent = due;
    // the next frame when it is due; at once when writing made it late
    await sleep(Math.max(0, start + sent * command.intervalMs - Date.now()));
  }
}

process.on('message', (command: FloorCommand) => {
  void (command.onSchedule ? writeOnSchedule(command) : writeEach(command)).then(() =>
    process.send?.({ clients: server.clients.size }),
  );
});
