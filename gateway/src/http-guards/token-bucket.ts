/** Options of {@link createTokenBuckets}. */
export interface TokenBucketOptions {
  /** Tokens a full bucket holds: the requests allowed at once after a quiet spell. At least 1. */
  readonly burst: number;
  /** Tokens added per second, up to `burst`: the sustained rate. Above 0. */
  readonly perSecond: number;
  /** Most buckets held at once; past it the least recently used is forgotten. Default 100_000. */
  readonly maxKeys?: number;
  /** Milliseconds from a monotonic clock (tests pass their own). Default `performance.now`. */
  readonly now?: () => number;
}

/** In-memory token buckets, one per key, created full on first use. */
export interface TokenBuckets {
  /**
   * Seconds until `key` holds `count` whole tokens (default 1; at most `burst` are ever asked
   * for, so any count can pass); 0 when it holds them now. Takes nothing.
   */
  waitSeconds(key: string, count?: number): number;
  /** Takes `count` tokens (default 1, at most `burst`) from `key`'s bucket, once `waitSeconds` is 0. */
  take(key: string, count?: number): void;
  /** Buckets held in memory (never more than `maxKeys`). */
  size(): number;
}

interface Bucket {
  readonly tokens: number;
  /** When a token was last taken, in `now()` milliseconds. */
  readonly takenAt: number;
}

function checkOptions({ burst, perSecond, maxKeys }: { burst: number; perSecond: number; maxKeys: number }): void {
  if (!(burst >= 1) || !(perSecond > 0) || !(maxKeys >= 1) || !Number.isFinite(burst + perSecond + maxKeys)) {
    throw new RangeError(`Token buckets need burst ≥ 1, perSecond > 0 and maxKeys ≥ 1`);
  }
}

/**
 * Token buckets whose memory stays bounded whatever the number of keys: a bucket left
 * alone long enough to be full again is forgotten (forgetting a full bucket changes
 * nothing), and past `maxKeys` the least recently used one goes, even if not yet full.
 * That last case lets a caller start afresh only when more than `maxKeys` others were
 * active within one refill period; refusing newcomers instead would let an attacker who
 * rotates addresses lock everyone else out.
 */
export function createTokenBuckets(options: TokenBucketOptions): TokenBuckets {
  const { burst, perSecond, maxKeys = 100_000, now = () => performance.now() } = options;
  checkOptions({ burst, perSecond, maxKeys });
  // a Map iterates in insertion order and take() re-inserts, so the first bucket is the least recently used
  const buckets = new Map<string, Bucket>();
  const refillMs = (burst / perSecond) * 1_000;

  const tokensAt = (bucket: Bucket | undefined, at: number): number =>
    bucket === undefined
      ? burst
      : Math.min(burst, bucket.tokens + (Math.max(0, at - bucket.takenAt) * perSecond) / 1_000);

  const forgetStale = (at: number): void => {
    for (const [key, bucket] of buckets) {
      if (buckets.size <= maxKeys && at - bucket.takenAt < refillMs) return;
      buckets.delete(key);
    }
  };

  return {
    waitSeconds(key, count = 1) {
      const needed = Math.min(count, burst);
      const tokens = tokensAt(buckets.get(key), now());
      return tokens >= needed ? 0 : (needed - tokens) / perSecond;
    },
    take(key, count = 1) {
      const at = now();
      const tokens = tokensAt(buckets.get(key), at);
      buckets.delete(key);
      buckets.set(key, { tokens: Math.max(0, tokens - Math.min(count, burst)), takenAt: at });
      forgetStale(at);
    },
    size: () => buckets.size,
  };
}
