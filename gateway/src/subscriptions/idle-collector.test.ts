import { getHeapSpaceStatistics } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectGarbage, createIdleCollector } from './idle-collector';

describe('createIdleCollector', () => {
  let collections: number;
  const lines: object[] = [];
  const collector = (options: { minPeak?: number; quietMs?: number } = {}) =>
    createIdleCollector({
      log: { info: (details: object) => void lines.push(details) },
      collect: () => void (collections += 1),
      heapUsed: () => 1_000 - 900 * collections,
      ...options,
    });

  beforeEach(() => {
    vi.useFakeTimers();
    collections = 0;
    lines.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('collects once after a burst of clients left and the gateway stayed quiet, and says what it freed', () => {
    const idle = collector({ minPeak: 100, quietMs: 1_000 });
    for (let count = 1; count <= 150; count++) idle.connections(count);
    for (let count = 149; count >= 10; count--) idle.connections(count);
    vi.advanceTimersByTime(999);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(1);
    expect(lines).toEqual([expect.objectContaining({ peak: 150, connections: 10, heapBefore: 1_000, heapAfter: 100 })]);
    vi.advanceTimersByTime(60_000);
    expect(collections).toBe(1);
  });

  it('waits while clients still come and go, and while more than a tenth of the peak is connected', () => {
    const idle = collector({ minPeak: 100, quietMs: 1_000 });
    idle.connections(200);
    idle.connections(21); // above a tenth
    vi.advanceTimersByTime(5_000);
    expect(collections).toBe(0);
    idle.connections(20);
    vi.advanceTimersByTime(900);
    idle.connections(19); // a departure: quiet starts again
    vi.advanceTimersByTime(900);
    expect(collections).toBe(0);
    idle.connections(50); // they came back
    vi.advanceTimersByTime(5_000);
    expect(collections).toBe(0);
  });

  it('does not collect after a peak too small to leave much behind', () => {
    const idle = collector({ minPeak: 100, quietMs: 1_000 });
    idle.connections(99);
    idle.connections(0);
    vi.advanceTimersByTime(5_000);
    expect(collections).toBe(0);
  });

  it('needs a new burst for the next collection', () => {
    const idle = collector({ minPeak: 100, quietMs: 1_000 });
    idle.connections(100);
    idle.connections(0);
    vi.advanceTimersByTime(1_000);
    idle.connections(5);
    idle.connections(0);
    vi.advanceTimersByTime(5_000);
    expect(collections).toBe(1);
  });
});

describe('collectGarbage', () => {
  const mib = 2 ** 20;

  it('frees what nothing references any more', async () => {
    const garbage = new WeakRef(Array.from({ length: 200_000 }, (_, n) => ({ n })));
    // a WeakRef keeps its target for the rest of the job that made it
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(garbage.deref()).toBeUndefined();
  });

  it('gives back the pages that the survivors of a burst are scattered over', () => {
    const oldSpace = () => {
      const space = getHeapSpaceStatistics().find(({ space_name }) => space_name === 'old_space');
      return { committed: space?.space_size ?? 0, unused: (space?.space_size ?? 0) - (space?.space_used_size ?? 0) };
    };
    // a burst's objects, promoted to old space by two collections, of which one in twenty live on
    let burst = Array.from({ length: 1_000_000 }, (_, n) => ({ n, name: `subscriber ${n}`, ids: [n, n + 1] }));
    collectGarbage();
    collectGarbage();
    const committedWithBurst = oldSpace().committed;
    burst = burst.filter((_, n) => n % 20 === 0);
    collectGarbage();
    expect(burst).toHaveLength(50_000);
    // without compaction a full collection kept 50-60 MiB of these pages committed and unused
    expect(committedWithBurst).toBeGreaterThan(100 * mib);
    expect(oldSpace().unused).toBeLessThan(16 * mib);
  });

  it.runIf(process.platform === 'linux')('gives back the native memory that dead Buffers held', () => {
    // 160 MiB of Buffer backing stores in the C allocator, of which one in twenty lives on: the
    // free chunks between the survivors stay in glibc's arenas until they are trimmed
    let burst: Buffer[] = Array.from({ length: 20_000 }, () => Buffer.allocUnsafeSlow(8_192).fill(1));
    const withBurst = process.memoryUsage.rss();
    burst = burst.filter((_, n) => n % 20 === 0);
    collectGarbage();
    expect(burst).toHaveLength(1_000);
    // without the trim RSS stayed where it was with the whole burst
    expect(withBurst - process.memoryUsage.rss()).toBeGreaterThan(100 * mib);
  });
});
