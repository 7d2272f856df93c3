import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { close, listen } from '@shopgraph/service-kit/listen';
import { textFrame, writeTextFrame } from './text-frames';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A `ws` server as the gateway's (no permessage-deflate) and one `ws` client: the server's WebSocket, its TCP socket and what the client received. */
async function pair() {
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true });
  const accepted = new Promise<{ ws: WebSocket; tcp: Duplex }>((resolve) =>
    server.on('upgrade', (request, tcp: Duplex, head: Buffer) =>
      wss.handleUpgrade(request, tcp, head, (ws) => resolve({ ws, tcp })),
    ),
  );
  const port = await listen(server, 0, '127.0.0.1');
  cleanups.push(() => close(server));
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  cleanups.push(() => client.terminate());
  const received: { text: string; binary: boolean }[] = [];
  client.on('message', (data: Buffer, binary) => received.push({ text: data.toString(), binary }));
  await once(client, 'open');
  const { ws, tcp } = await accepted;
  cleanups.push(() => ws.terminate());
  return { ws, tcp, received };
}

const text = (length: number, fill = 'x') => fill.repeat(length);

describe('textFrame', () => {
  const header = (length: number) => [
    ...textFrame([Buffer.from(text(length))]).subarray(0, length < 126 ? 2 : length < 65_536 ? 4 : 10),
  ];

  it('encodes the payload length in 7, 16 or 64 bits as RFC 6455 does', () => {
    expect(header(0)).toEqual([0x81, 0]);
    expect(header(125)).toEqual([0x81, 125]);
    expect(header(126)).toEqual([0x81, 126, 0, 126]);
    expect(header(65_535)).toEqual([0x81, 126, 0xff, 0xff]);
    expect(header(65_536)).toEqual([0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('follows the header with the parts, in order, and nothing else', () => {
    const frame = textFrame([Buffer.from('{"id":"1","payload":'), Buffer.from('{"a":1}'), Buffer.from('}')]);
    expect(frame.length).toBe(2 + 28);
    expect(frame.subarray(2).toString()).toBe('{"id":"1","payload":{"a":1}}');
  });
});

describe('writeTextFrame', () => {
  it('reaches a ws client as one text message per frame, whatever its length, in order with what ws sends', async () => {
    const { ws, tcp, received } = await pair();
    const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
    ws.send('before');
    for (const length of lengths) {
      const body = text(length, String(length % 10));
      // a prefix, a shared middle and a tail, as a subscription's `next` message is written
      writeTextFrame(tcp, [Buffer.from('<'), Buffer.from(body), Buffer.from('>')]);
    }
    ws.send('after');
    await expect.poll(() => received.length).toBe(lengths.length + 2);
    expect(received.every((message) => !message.binary)).toBe(true);
    expect(received.map((message) => message.text)).toEqual([
      'before',
      ...lengths.map((length) => `<${text(length, String(length % 10))}>`),
      'after',
    ]);
  });

  it('writes a frame of multi-byte characters by its byte length', async () => {
    const { tcp, received } = await pair();
    writeTextFrame(tcp, [Buffer.from('{"name":"Überraschung — 驚き"}')]);
    await expect.poll(() => received[0]?.text).toBe('{"name":"Überraschung — 驚き"}');
  });

  it('leaves the socket as it found it: uncorked, or still held by an outer cork', async () => {
    const { tcp } = await pair();
    const socket = tcp as Duplex & { writableCorked: number };
    writeTextFrame(tcp, [Buffer.from('a')]);
    expect(socket.writableCorked).toBe(0);
    tcp.cork();
    writeTextFrame(tcp, [Buffer.from('b')]);
    expect(socket.writableCorked).toBe(1);
    expect(tcp.writableLength).toBeGreaterThan(0);
    tcp.uncork();
  });
});
