import { describe, expect, it } from 'vitest';
import { secondsSinceProcessStart } from './banner';

describe('the start banner', () => {
  it('counts from the process start, so the time spent loading modules before main ran is included', () => {
    // performance.now() counts from the same origin: the banner can never show less
    const loaded = performance.now() / 1_000;
    expect(Number(secondsSinceProcessStart())).toBeGreaterThanOrEqual(Math.floor(loaded * 10) / 10);
    expect(Number(secondsSinceProcessStart())).toBeGreaterThan(0);
  });
});
