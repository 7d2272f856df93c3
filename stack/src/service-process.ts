import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@shopgraph/service-kit/wait-for';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Options of {@link spawnService}. */
export interface SpawnServiceOptions {
  /** The workspace whose `src/main.ts` runs: `subgraphs/orders`, `gateway`. */
  readonly workspace: string;
  /** The whole environment of the process: nothing else is inherited but PATH and HOME. */
  readonly env: Readonly<Record<string, string>>;
  /** Default: logs (stdout and stderr) go to this process's. */
  readonly stdio?: StdioOptions;
}

/**
 * A service's `src/main.ts` as one node process (`node --import tsx`, as the container images
 * run it): no npm or tsx wrapper in between, so a signal reaches the service itself.
 */
export function spawnService({
  workspace,
  env,
  stdio = ['ignore', 'inherit', 'inherit'],
}: SpawnServiceOptions): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: `${root}${workspace}`,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio,
  });
}

/** Sends `signal` (SIGTERM by default), then resolves with the exit code or the signal that ended it. */
export function stopServiceProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode);
    child.once('exit', (code, ended) => resolve(code ?? ended));
    child.kill(signal);
  });
}

/** Polls `url` until it answers 2xx, or fails after `timeout` ms (default 60 s). */
export function waitUntilOk(url: string, timeout = 60_000): Promise<void> {
  const ok = () =>
    fetch(url).then(
      (response) => response.ok,
      () => false,
    );
  return waitFor(ok, { what: `${url} to answer`, timeout, interval: 100 });
}
