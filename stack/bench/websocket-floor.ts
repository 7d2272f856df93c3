import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { cpuSecondsOf } from './comparison/process-cpu';
import { percentile } from './percentile';
import type { FloorCommand } from './websocket-floor-server';

// what the subscription bench's shared tier sends each client: 40 events of about 350 bytes, from
// 10 orders placed one after another. Written one by one 50 ms apart; on schedule 25 ms apart, the
// 1 s the tier's events are committed in when nothing slows the orders down (the tier prints it)
const WRITTEN: FloorCommand = { frames: 40, intervalMs: 50, padding: 350, onSchedule: false };
const ON_SCHEDULE: FloorCommand = { ...WRITTEN, intervalMs: 25, onSchedule: true };

/**
 * The floor under a subscription tier on this machine: `subscribers` WebSocket clients in this
 * process, as the tier's are, and a bare `ws` server in its own process writing each of 40
 * frames to every one of them. No gateway can deliver faster than this over the same sockets;
 * the tier's figures read against it. `onSchedule` stamps each frame when it is due rather than
 * when it is written, as the tier stamps an event with its commit, so a server that falls behind
 * counts its lateness: its p99 is the least any gateway's could be for 40 events in 1 s.
 */
export async function benchWebSocketFloor(subscribers: number, onSchedule = false): Promise<void> {
  const command = onSchedule ? ON_SCHEDULE : WRITTEN;
  const server = fork(fileURLToPath(new URL('./websocket-floor-server.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const clients: WebSocket[] = [];
  try {
    const port = await new Promise<number>((resolve) =>
      server.once('message', (m: { port: number }) => resolve(m.port)),
    );
    const latencies: number[] = [];
    let failed = 0;
    for (let n = 0; n < subscribers; n++) {
      const client = new WebSocket(`ws://127.0.0.1:${port}`);
      client.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as { payload: { data: { sentAt: number } } };
        latencies.push(Date.now() - frame.payload.data.sentAt);
      });
      client.on('error', () => (failed += 1));
      clients.push(client);
    }
    const opened = () => clients.filter((client) => client.readyState === WebSocket.OPEN).length;
    await waitFor(() => opened() + failed >= subscribers, { what: `${subscribers} connections`, timeout: 120_000 });
    // what receiving the frames costs this process, as the tier's figures say for its clients
    const started = { wall: performance.now(), cpu: cpuSecondsOf(process.pid) };
    server.send(command);
    const expected = opened() * command.frames;
    await waitFor(() => latencies.length >= expected, { what: `${expected} frames`, timeout: 120_000 }).catch(
      () => undefined,
    );
    const cpu = cpuSecondsOf(process.pid) - started.cpu;
    const received = `${((performance.now() - started.wall) / 1000).toFixed(1)} s from the first frame to the last, clients' process CPU ${cpu.toFixed(1)} s`;
    const sorted = latencies.sort((a, b) => a - b);
    const how = onSchedule
      ? `${command.frames} frames due ${command.intervalMs} ms apart, all that are due in one write per client`
      : `${command.frames} frames ${command.intervalMs} ms apart`;
    console.log(
      `floor, ${subscribers} clients of a bare ws server (no gateway, ${how}): ` +
        `${onSchedule ? 'due' : 'write'} → client p50 ${percentile(sorted, 0.5)} ms, p99 ${percentile(sorted, 0.99)} ms ` +
        `(${latencies.length}/${expected} delivered, ${failed} connections failed; ${received})`,
    );
  } finally {
    for (const client of clients) client.terminate();
    server.kill();
  }
}
