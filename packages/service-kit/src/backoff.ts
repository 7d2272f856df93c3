/** A capped exponential backoff: `initialMs` after the first failure, doubling up to `maxMs`. */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** The wait after the `failures`-th failure in a row (1 for the first) under `backoff`. */
export const backoffDelay = ({ initialMs, maxMs }: Backoff, failures: number): number =>
  Math.min(maxMs, initialMs * 2 ** (failures - 1));
