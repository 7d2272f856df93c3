import type { ChildProcess } from 'node:child_process';
import type { Logger } from '@shopgraph/service-kit/logger';
import { createRestartPolicy } from './restart-policy';
import type { RestartPolicy, RestartPolicyOptions } from './restart-policy';

/** Options of {@link createRestartSupervisor}. */
export interface RestartSupervisorOptions<N extends string> {
  readonly log: Logger;
  /** Default: {@link createRestartPolicy}'s defaults (1 s doubling to 30 s, reset after 60 s up). */
  readonly policy?: RestartPolicyOptions;
  /** Starts the service `name` again; rejects when it did not come up. */
  readonly restart: (name: N) => Promise<void>;
}

/** Restarts the processes it watches when they die, unless they were stopped on purpose. */
export interface RestartSupervisor<N extends string> {
  /** Watches `child`, the current process of `name`, from now on. */
  watch(name: N, child: ChildProcess): void;
  /** The next exit of `child` is deliberate; a restart of `name` already planned is called off. */
  release(name: N, child: ChildProcess | undefined): void;
  /** Restarts nothing any more (the whole fleet is stopping). */
  close(): void;
}

/**
 * The supervision of `npm run start:services`: a service that exits by itself (a crash, a
 * SIGKILL, the OOM killer) is logged with its exit code or signal and started again after the
 * policy's backoff; one that fails to come up is tried again, backing off further.
 */
export function createRestartSupervisor<N extends string>(options: RestartSupervisorOptions<N>): RestartSupervisor<N> {
  const { log, restart } = options;
  const policies = new Map<N, RestartPolicy>();
  const timers = new Map<N, NodeJS.Timeout>();
  const deliberate = new WeakSet<ChildProcess>();
  let closed = false;
  const policyOf = (name: N) => policies.get(name) ?? policies.set(name, createRestartPolicy(options.policy)).get(name);

  const schedule = (name: N, upForMs: number) => {
    const delayMs = policyOf(name)?.delayAfterExit(upForMs) ?? 0;
    log.info({ service: name, delayMs }, 'restarting the service after a backoff');
    timers.set(
      name,
      setTimeout(() => {
        timers.delete(name);
        if (closed) return;
        restart(name).catch((error: unknown) => {
          log.error({ service: name, err: error }, 'the service did not come back; trying again');
          if (!closed) schedule(name, 0);
        });
      }, delayMs),
    );
  };

  return {
    watch(name, child) {
      const startedAt = Date.now();
      child.once('exit', (code, signal) => {
        if (closed || deliberate.has(child)) return;
        log.error({ service: name, pid: child.pid, exitCode: code, signal }, 'service exited unexpectedly');
        schedule(name, Date.now() - startedAt);
      });
    },
    release(name, child) {
      if (child) deliberate.add(child);
      clearTimeout(timers.get(name));
      timers.delete(name);
    },
    close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
