import { backoffDelay } from '@shopgraph/service-kit/backoff';

/** Options of {@link createRestartPolicy}. */
export interface RestartPolicyOptions {
  /** The wait before the first restart. Default 1 s. */
  readonly initialMs?: number;
  /** The longest wait, however often it crashed. Default 30 s. */
  readonly maxMs?: number;
  /** A process up this long was healthy: its next crash waits `initialMs` again. Default 60 s. */
  readonly stableAfterMs?: number;
}

/** How long to wait before restarting a process that died, given how long it had been up. */
export interface RestartPolicy {
  delayAfterExit(upForMs: number): number;
}

/**
 * A crash loop backs off (1 s, 2 s, 4 s … 30 s) so a service that cannot start (its database
 * is away) does not spin; one crash after a long healthy run is restarted quickly.
 */
export function createRestartPolicy(options: RestartPolicyOptions = {}): RestartPolicy {
  const { initialMs = 1_000, maxMs = 30_000, stableAfterMs = 60_000 } = options;
  let crashes = 0;
  return {
    delayAfterExit(upForMs) {
      crashes = upForMs >= stableAfterMs ? 1 : crashes + 1;
      return backoffDelay({ initialMs, maxMs }, crashes);
    },
  };
}
