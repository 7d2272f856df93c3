import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { coalesceSends } from './coalesce-sends';

describe('coalesceSends', () => {
  let server: WebSocketServer | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A real WebSocket pair on loopback; the server side's sends are coalesced. */
  async function pair() {
    const accepted = new Promise<{ ws: WebSocket; socket: Duplex }>((resolve) => {
      server = new WebSocketServer({ port: 0, host: '127.0.0.1' }, undefined);
      server.on('connection', (ws, request) => {
        coalesceSends(ws, request.socket);
        resolve({ ws, socket: request.socket });
      });
    });
    await new Promise((resolve) => server?.once('listening', resolve));
    const { port } = server?.address() as AddressInfo;
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: string[] = [];
    client.on('message', (data) => received.push(String(data)));
    await new Promise((resolve) => client.once('open', resolve));
    return { ...(await accepted), client, received };
  }

  it('holds the frames of one turn and writes them at its end, in order', async () => {
    const { ws, socket, client, received } = await pair();
    ws.send('one');
    ws.send('two');
    ws.send('three');
    expect(socket.writableCorked).toBe(1);
    expect(ws.bufferedAmount).toBeGreaterThan(0); // held, and counted against the send budget
    await new Promise((resolve) => setImmediate(resolve));
    expect(socket.writableCorked).toBe(0);
    await expect.poll(() => received).toEqual(['one', 'two', 'three']);
    ws.send('four');
    await expect.poll(() => received).toEqual(['one', 'two', 'three', 'four']);
    client.close();
  });

  it('leaves a destroyed socket alone', async () => {
    const { ws, socket, client } = await pair();
    socket.destroy();
    ws.send('lost');
    expect(socket.writableCorked).toBe(0);
    client.terminate();
  });
});
