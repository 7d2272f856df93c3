import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWriteBatch } from './write-batch';

const opened: Socket[] = [];
const servers: ReturnType<typeof createServer>[] = [];

/** A real TCP connection over loopback: the writing end, and what the other end has read. */
async function connection() {
  const server = createServer();
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const writer = connect(port, '127.0.0.1');
  opened.push(writer);
  await once(writer, 'connect');
  const [reader] = await accepted;
  opened.push(reader);
  let received = '';
  reader.on('data', (chunk: Buffer) => (received += chunk.toString()));
  return { writer, received: () => received };
}

afterEach(async () => {
  opened.splice(0).forEach((socket) => socket.destroy());
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('createWriteBatch', () => {
  it('holds what is written to a socket until it flushes, then sends it all in order', async () => {
    const flushes: (() => void)[] = [];
    const batch = createWriteBatch({ schedule: (flush) => flushes.push(flush) });
    const { writer, received } = await connection();
    batch.hold(writer);
    writer.write('one,');
    batch.hold(writer);
    writer.write('two,');
    writer.write('three');
    expect(writer.writableCorked).toBe(1);
    expect(writer.writableLength).toBe('one,two,three'.length);
    expect(flushes).toHaveLength(1);
    expect(batch.holding).toBe(1);

    flushes[0]?.();
    expect(writer.writableCorked).toBe(0);
    expect(batch.holding).toBe(0);
    await expect.poll(received).toBe('one,two,three');
  });

  it('flushes every socket it holds once, and holds anew afterwards', async () => {
    const flushes: (() => void)[] = [];
    const batch = createWriteBatch({ schedule: (flush) => flushes.push(flush) });
    const [a, b] = await Promise.all([connection(), connection()]);
    batch.hold(a.writer);
    batch.hold(b.writer);
    a.writer.write('a');
    b.writer.write('b');
    flushes.shift()?.();
    await expect.poll(() => a.received() + b.received()).toBe('ab');

    batch.hold(a.writer);
    expect(flushes).toHaveLength(1);
    expect(a.writer.writableCorked).toBe(1);
    flushes.shift()?.();
    expect(a.writer.writableCorked).toBe(0);
  });

  it('flushes on its own, after the event loop has polled, by default', async () => {
    const batch = createWriteBatch();
    const { writer, received } = await connection();
    batch.hold(writer);
    writer.write('later');
    expect(writer.writableLength).toBe(5);
    await expect.poll(received).toBe('later');
    expect(writer.writableCorked).toBe(0);
  });

  it('lets go of a socket destroyed while it was held', async () => {
    const flushes: (() => void)[] = [];
    const batch = createWriteBatch({ schedule: (flush) => flushes.push(flush) });
    const { writer } = await connection();
    batch.hold(writer);
    writer.write('never sent');
    writer.destroy();
    expect(() => flushes[0]?.()).not.toThrow();
    expect(batch.holding).toBe(0);
  });
});
