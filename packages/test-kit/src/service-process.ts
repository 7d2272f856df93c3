import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@shopgraph/service-kit/wait-for';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A service's `src/main.ts` as one node process (`node --import tsx`, as the container images
 * run it) with only the given environment: no npm or tsx wrapper, so SIGKILL really kills it.
 */
export function startServiceProcess(workspace: string, env: Readonly<Record<string, string>>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: `${root}${workspace}`,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
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

/** Polls `url` until it answers 2xx, or fails after `timeout` ms. */
export function waitUntilOk(url: string, timeout = 60_000): Promise<void> {
  const ok = () =>
    fetch(url).then(
      (r) => r.ok,
      () => false,
    );
  return waitFor(ok, { what: `${url} to answer`, timeout, interval: 100 });
}
