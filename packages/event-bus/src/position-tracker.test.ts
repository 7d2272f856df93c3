import { describe, expect, it } from 'vitest';
import { PositionTracker } from './position-tracker';

describe('position tracker', () => {
  it('moves only over a contiguous prefix of finished events', () => {
    const tracker = new PositionTracker(10);
    for (const seq of [11, 12, 15]) tracker.add(seq);
    expect(tracker.done(12)).toBe(false);
    expect(tracker.position).toBe(10);
    expect(tracker.done(11)).toBe(true);
    expect(tracker.position).toBe(12);
    tracker.done(15);
    expect(tracker.position).toBe(15);
  });
});
