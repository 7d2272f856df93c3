import { describe, expect, it } from 'vitest';
import { createTokenBuckets } from './token-bucket';

function clock() {
  let ms = 0;
  return { now: () => ms, advance: (seconds: number) => void (ms += seconds * 1_000) };
}

describe('token buckets', () => {
  it('gives a new key a full bucket, then empties it one token per take', () => {
    const buckets = createTokenBuckets({ burst: 2, perSecond: 1, now: clock().now });
    expect(buckets.waitSeconds('a')).toBe(0);
    buckets.take('a');
    expect(buckets.waitSeconds('a')).toBe(0);
    buckets.take('a');
    expect(buckets.waitSeconds('a')).toBe(1);
  });

  it('refills at the given rate, never above the burst', () => {
    const time = clock();
    const buckets = createTokenBuckets({ burst: 2, perSecond: 4, now: time.now });
    buckets.take('a');
    buckets.take('a');
    time.advance(0.125);
    expect(buckets.waitSeconds('a')).toBeCloseTo(0.125);
    time.advance(60);
    buckets.take('a');
    buckets.take('a');
    expect(buckets.waitSeconds('a')).toBeCloseTo(0.25);
  });

  it('keeps at most maxKeys buckets, forgetting the least recently used first', () => {
    const buckets = createTokenBuckets({ burst: 1, perSecond: 1, maxKeys: 2, now: clock().now });
    for (const key of ['a', 'b', 'c']) buckets.take(key);
    expect(buckets.size()).toBe(2);
    expect(buckets.waitSeconds('a')).toBe(0);
    expect(buckets.waitSeconds('c')).toBe(1);
  });

  it('forgets buckets that have had time to fill up again', () => {
    const time = clock();
    const buckets = createTokenBuckets({ burst: 10, perSecond: 5, now: time.now });
    for (let i = 0; i < 1_000; i++) buckets.take(`key-${i}`);
    time.advance(2);
    buckets.take('late');
    expect(buckets.size()).toBe(1);
  });

  it.each([
    ['a burst below 1', { burst: 0, perSecond: 1 }],
    ['a rate of 0', { burst: 1, perSecond: 0 }],
    ['no room for a key', { burst: 1, perSecond: 1, maxKeys: 0 }],
    ['an infinite rate', { burst: 1, perSecond: Number.POSITIVE_INFINITY }],
  ])('refuses %s', (_, options) => {
    expect(() => createTokenBuckets(options)).toThrow(RangeError);
  });
});
