import { isIPv6 } from 'node:net';
import { HttpRefusal } from '@shopgraph/service-kit/http-refusal';
import { normalizeIp } from './client-ip';
import { createTokenBuckets } from './token-bucket';

export interface RateLimit {
  /** Requests allowed at once after a quiet spell. */
  readonly burst: number;
  /** Requests per second sustained. */
  readonly perSecond: number;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Every caller, by IP address (IPv6 by its /64). Default burst 100, then 20 per second. */
  readonly perIp?: RateLimit;
  /** Signed-in callers, by user ID across all their addresses. Default burst 60, then 10 per second. */
  readonly perUser?: RateLimit;
  /** Most buckets held per limit, about 200 bytes each. Default 100_000. */
  readonly maxKeys?: number;
  /** Milliseconds from a monotonic clock (tests pass their own). Default `performance.now`. */
  readonly now?: () => number;
}

/** Who a request counts against: each key given is checked against its limit. */
export interface RateLimitedCaller {
  readonly ip?: string | undefined;
  readonly userId?: string | undefined;
}

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; /** Whole seconds, at least 1. */ readonly retryAfterSeconds: number };

export interface RateLimiter {
  /**
   * Takes `operations` tokens (default 1: each operation of a batch counts) from each bucket
   * the caller names, or none at all when one holds too few. A bucket gives at most its burst.
   */
  check(caller: RateLimitedCaller, operations?: number): RateDecision;
  /** {@link RateLimiter.check}, throwing {@link rateLimitRefusal} when refused. */
  enforce(caller: RateLimitedCaller, operations?: number): void;
  /** Buckets held per limit, for tests and metrics. */
  sizes(): { readonly ip: number; readonly user: number };
}

export const DEFAULT_RATE_LIMITS = {
  perIp: { burst: 100, perSecond: 20 },
  perUser: { burst: 60, perSecond: 10 },
  maxKeys: 100_000,
} as const satisfies RateLimiterOptions;

/** 429 `RATE_LIMITED`, with `Retry-After` so well-behaved clients back off the right time. */
export function rateLimitRefusal(retryAfterSeconds: number): HttpRefusal {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new HttpRefusal({
    status: 429,
    code: 'RATE_LIMITED',
    message: `Too many requests: retry in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    headers: { 'retry-after': String(seconds) },
  });
}

/**
 * The key a client IP is counted under: the address itself, or for IPv6 its /64, as a
 * subscriber usually holds a whole /64 and one key per /64 stops address hopping.
 */
export function rateLimitKey(ip: string): string {
  const address = normalizeIp(ip);
  if (!isIPv6(address)) return address;
  const [left = '', right] = address.replace(/%.*$/, '').split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  // an embedded IPv4 tail (`::1.2.3.4`) fills the last two groups
  const tail = groups(right).flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
  const gap = right === undefined ? [] : Array.from({ length: 8 - groups(left).length - tail.length }, () => '0');
  const prefix = [...groups(left), ...gap, ...tail].slice(0, 4);
  return `${prefix.map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Per-IP and per-user token buckets. Anonymous callers meet the IP limit only; a signed-in
 * caller meets both, so neither many addresses nor many users behind one address escape.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const { perIp = DEFAULT_RATE_LIMITS.perIp, perUser = DEFAULT_RATE_LIMITS.perUser } = options;
  const { maxKeys = DEFAULT_RATE_LIMITS.maxKeys, now = () => performance.now() } = options;
  const byIp = createTokenBuckets({ ...perIp, maxKeys, now });
  const byUser = createTokenBuckets({ ...perUser, maxKeys, now });

  const check = ({ ip, userId }: RateLimitedCaller, operations = 1): RateDecision => {
    const ipBucket = ip === undefined ? undefined : rateLimitKey(ip);
    const waits = [
      ipBucket === undefined ? 0 : byIp.waitSeconds(ipBucket, operations),
      userId === undefined ? 0 : byUser.waitSeconds(userId, operations),
    ];
    const wait = Math.max(...waits);
    if (wait > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    if (ipBucket !== undefined) byIp.take(ipBucket, operations);
    if (userId !== undefined) byUser.take(userId, operations);
    return { allowed: true };
  };

  return {
    check,
    enforce(caller, operations) {
      const decision = check(caller, operations);
      if (!decision.allowed) throw rateLimitRefusal(decision.retryAfterSeconds);
    },
    sizes: () => ({ ip: byIp.size(), user: byUser.size() }),
  };
}
