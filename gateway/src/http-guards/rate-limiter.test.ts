import { describe, expect, it } from 'vitest';
import { HttpRefusal } from '@shopgraph/service-kit/http-refusal';
import { createRateLimiter, rateLimitRefusal } from './rate-limiter';
import type { RateLimiterOptions } from './rate-limiter';

const user = '6f1c3a52-0000-4000-8000-000000000001';
const roomy = { burst: 1_000, perSecond: 1_000 };

function limiterWithClock(options: Omit<RateLimiterOptions, 'now'>) {
  let ms = 0;
  const limiter = createRateLimiter({ ...options, now: () => ms });
  return { limiter, advance: (seconds: number) => void (ms += seconds * 1_000) };
}

const times = (n: number, request: () => unknown) => Array.from({ length: n }, request);

describe('rate limiting', () => {
  it('allows a burst, then refuses with the seconds to wait', () => {
    const { limiter } = limiterWithClock({ perIp: { burst: 3, perSecond: 0.5 } });
    expect(times(3, () => limiter.check({ ip: '203.0.113.7' }))).toEqual(times(3, () => ({ allowed: true })));
    expect(limiter.check({ ip: '203.0.113.7' })).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('recovers once the refill time has passed: one token after Retry-After, the burst after a quiet spell', () => {
    const { limiter, advance } = limiterWithClock({ perIp: { burst: 5, perSecond: 2 } });
    times(5, () => limiter.check({ ip: '203.0.113.7' }));
    const refused = limiter.check({ ip: '203.0.113.7' });
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });

    advance(refused.allowed ? 0 : refused.retryAfterSeconds);
    expect(times(3, () => limiter.check({ ip: '203.0.113.7' }).allowed)).toEqual([true, true, false]);

    advance(2.5);
    expect(times(6, () => limiter.check({ ip: '203.0.113.7' }).allowed)).toEqual([true, true, true, true, true, false]);
  });

  it('limits anonymous callers per IP, leaving other addresses alone', () => {
    const { limiter } = limiterWithClock({ perIp: { burst: 2, perSecond: 1 } });
    times(2, () => limiter.check({ ip: '198.51.100.1' }));
    expect(limiter.check({ ip: '198.51.100.1' }).allowed).toBe(false);
    expect(limiter.check({ ip: '198.51.100.2' }).allowed).toBe(true);
  });

  it('limits a signed-in user across every address they call from', () => {
    const { limiter } = limiterWithClock({ perIp: roomy, perUser: { burst: 2, perSecond: 1 } });
    expect(limiter.check({ ip: '198.51.100.1', userId: user }).allowed).toBe(true);
    expect(limiter.check({ ip: '198.51.100.2', userId: user }).allowed).toBe(true);
    expect(limiter.check({ ip: '198.51.100.3', userId: user })).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.check({ ip: '198.51.100.3', userId: 'someone-else' }).allowed).toBe(true);
  });

  it('takes no token from the IP when the user limit refuses', () => {
    const { limiter } = limiterWithClock({ perIp: { burst: 3, perSecond: 1 }, perUser: { burst: 1, perSecond: 0.25 } });
    limiter.check({ ip: '198.51.100.1', userId: user });
    expect(limiter.check({ ip: '198.51.100.1', userId: user })).toEqual({ allowed: false, retryAfterSeconds: 4 });
    expect(limiter.check({ ip: '198.51.100.1', userId: user })).toEqual({ allowed: false, retryAfterSeconds: 4 });
    expect(times(3, () => limiter.check({ ip: '198.51.100.1' }).allowed)).toEqual([true, true, false]);
  });

  it('asks a caller refused by both limits to wait for the slower one', () => {
    const { limiter } = limiterWithClock({ perIp: { burst: 1, perSecond: 1 }, perUser: { burst: 1, perSecond: 0.25 } });
    limiter.check({ ip: '198.51.100.1', userId: user });
    expect(limiter.check({ ip: '198.51.100.1', userId: user })).toEqual({ allowed: false, retryAfterSeconds: 4 });
    expect(limiter.check({ ip: '198.51.100.1', userId: 'someone-else' })).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
  });

  it('counts every address of one IPv6 /64 together, and an IPv4-mapped address as IPv4', () => {
    const { limiter } = limiterWithClock({ perIp: { burst: 2, perSecond: 1 } });
    limiter.check({ ip: '2001:db8:0:7::1' });
    limiter.check({ ip: '2001:DB8::7:aaaa:bbbb:cccc:dddd' });
    expect(limiter.check({ ip: '2001:db8:0:7:ffff::9' }).allowed).toBe(false);
    expect(limiter.check({ ip: '2001:db8:0:8::1' }).allowed).toBe(true);

    limiter.check({ ip: '192.0.2.1' });
    limiter.check({ ip: '::ffff:192.0.2.1' });
    expect(limiter.check({ ip: '192.0.2.1' }).allowed).toBe(false);
  });

  it('keeps memory bounded while an attacker rotates through 1,000,000 addresses', () => {
    const maxKeys = 1_000;
    const { limiter } = limiterWithClock({ perIp: { burst: 5, perSecond: 1 }, maxKeys });
    let largest = 0;
    for (let i = 0; i < 1_000_000; i++) {
      limiter.check({ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, userId: `user-${i}` });
      const { ip, user: users } = limiter.sizes();
      largest = Math.max(largest, ip, users);
    }
    expect(largest).toBe(maxKeys);
  });

  it('answers a refusal with 429 RATE_LIMITED and Retry-After', () => {
    const { limiter } = limiterWithClock({ perIp: { burst: 1, perSecond: 0.1 } });
    limiter.enforce({ ip: '203.0.113.9' });
    let refusal: unknown;
    try {
      limiter.enforce({ ip: '203.0.113.9' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(HttpRefusal);
    expect(refusal).toMatchObject({ status: 429, code: 'RATE_LIMITED', headers: { 'retry-after': '10' } });
    expect(rateLimitRefusal(0.2).headers).toEqual({ 'retry-after': '1' });
  });

  it('counts each operation of a batch: a request of n operations takes n tokens, or none when fewer are left', () => {
    const { limiter } = limiterWithClock({ perIp: { burst: 5, perSecond: 1 }, perUser: { burst: 5, perSecond: 1 } });
    expect(limiter.check({ ip: '198.51.100.9', userId: user }, 3)).toEqual({ allowed: true });
    expect(limiter.check({ ip: '198.51.100.9' }, 3)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.check({ userId: user }, 2)).toEqual({ allowed: true });
    expect(limiter.check({ userId: user }).allowed).toBe(false);
  });

  it('takes a whole bucket, no more, for a request costing more than the burst, so it can ever pass', () => {
    const { limiter, advance } = limiterWithClock({ perIp: { burst: 2, perSecond: 1 } });
    expect(limiter.check({ ip: '198.51.100.10' }, 10)).toEqual({ allowed: true });
    expect(limiter.check({ ip: '198.51.100.10' }).allowed).toBe(false);
    advance(2);
    expect(limiter.check({ ip: '198.51.100.10' }, 10)).toEqual({ allowed: true });
  });
});
