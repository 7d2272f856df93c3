/** A reproducible source of randomness: the same seed gives the same plan. */
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/**
 * mulberry32: tiny, fast and good enough to plan a test. Not for anything secret.
 * `SOAK_SEED=<n>` replays a run; without it a fresh seed is drawn (and printed by the caller).
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d_2b_79_f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    between,
    pick: <T>(items: readonly T[]): T => {
      const item = items[between(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

/** The seed of this run: `SOAK_SEED` when given (to replay a failure), else a new one. */
export function soakSeed(env: Readonly<Record<string, string | undefined>>): number {
  const given = env['SOAK_SEED'];
  return given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
}
