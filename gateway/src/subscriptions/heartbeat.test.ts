import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat } from './heartbeat';
import type { HeartbeatSocket } from './heartbeat';

const INTERVAL = 1_000;

/** A socket that counts pings and remembers being cut; `pong()` answers as a client would. */
function fakeSocket() {
  const events = new EventEmitter();
  const state = { pings: 0, terminated: false };
  const socket: HeartbeatSocket = {
    ping: () => void (state.pings += 1),
    terminate: () => void (state.terminated = true),
    on: ((event: string, listener: () => void) => events.on(event, listener)) as HeartbeatSocket['on'],
    off: ((event: string, listener: () => void) => events.off(event, listener)) as HeartbeatSocket['off'],
  };
  return { socket, state, pong: () => events.emit('pong') };
}

describe('startHeartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps a client that answers every ping', () => {
    const { socket, state, pong } = fakeSocket();
    startHeartbeat(socket, { intervalMs: INTERVAL });
    for (let tick = 0; tick < 10; tick++) {
      vi.advanceTimersByTime(INTERVAL);
      pong();
    }
    expect(state).toEqual({ pings: 10, terminated: false });
  });

  it('cuts a quiet client one interval after a ping it did not answer', () => {
    const { socket, state } = fakeSocket();
    startHeartbeat(socket, { intervalMs: INTERVAL });
    vi.advanceTimersByTime(INTERVAL);
    expect(state).toEqual({ pings: 1, terminated: false });
    vi.advanceTimersByTime(INTERVAL);
    expect(state).toEqual({ pings: 1, terminated: true });
  });

  it('gives a client it is sending frames to more intervals, and keeps it when the pong comes late', () => {
    const { socket, state, pong } = fakeSocket();
    const heartbeat = startHeartbeat(socket, { intervalMs: INTERVAL, busyIntervals: 3 });
    heartbeat.sent();
    vi.advanceTimersByTime(INTERVAL); // ping, after frames
    heartbeat.sent();
    vi.advanceTimersByTime(2 * INTERVAL); // two intervals without the pong
    expect(state.terminated).toBe(false);
    pong();
    vi.advanceTimersByTime(5 * INTERVAL);
    heartbeat.stop();
    expect(state.terminated).toBe(true); // quiet since: the next unanswered ping cut it
    expect(state.pings).toBe(2);
  });

  it('cuts a client that is being sent frames and never answers, after its intervals', () => {
    const { socket, state } = fakeSocket();
    const heartbeat = startHeartbeat(socket, { intervalMs: INTERVAL, busyIntervals: 3 });
    heartbeat.sent();
    vi.advanceTimersByTime(INTERVAL); // ping
    for (let tick = 1; tick < 3; tick++) {
      heartbeat.sent();
      vi.advanceTimersByTime(INTERVAL);
      expect(state.terminated).toBe(false);
    }
    vi.advanceTimersByTime(INTERVAL);
    expect(state).toEqual({ pings: 1, terminated: true });
  });

  it('stops pinging once stopped', () => {
    const { socket, state } = fakeSocket();
    startHeartbeat(socket, { intervalMs: INTERVAL }).stop();
    vi.advanceTimersByTime(10 * INTERVAL);
    expect(state).toEqual({ pings: 0, terminated: false });
  });
});
