import { describe, expect, it } from 'vitest';
import { createRestartPolicy } from './restart-policy';

describe('the restart policy of start:services', () => {
  it('waits 1 s, then doubles the wait for each crash in a row, up to 30 s', () => {
    const policy = createRestartPolicy();
    const waits = Array.from({ length: 8 }, () => policy.delayAfterExit(500));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts again from 1 s after a process stayed up for a minute', () => {
    const policy = createRestartPolicy();
    for (let crash = 0; crash < 5; crash += 1) policy.delayAfterExit(100);
    expect(policy.delayAfterExit(60_000)).toBe(1_000);
    expect(policy.delayAfterExit(100)).toBe(2_000);
  });

  it('follows the bounds it is given', () => {
    const policy = createRestartPolicy({ initialMs: 50, maxMs: 120, stableAfterMs: 1_000 });
    expect([100, 100, 100].map((up) => policy.delayAfterExit(up))).toEqual([50, 100, 120]);
    expect(policy.delayAfterExit(1_000)).toBe(50);
  });
});
