import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListeningMessage } from '@shopgraph/service-kit/announce-listening';
import { isRunning, stopProcess } from '@shopgraph/service-kit/child-process';
import { waitFor } from '@shopgraph/service-kit/wait-for';

const root = fileURLToPath(new URL('../../', import.meta.url));

type Stream = 'ignore' | 'inherit' | 'pipe';
/** stdin, stdout and stderr of a service process. */
export type ServiceStdio = readonly [Stream, Stream, Stream];

/** Options of {@link spawnService}. */
export interface SpawnServiceOptions {
  /** The workspace whose `src/main.ts` runs: `subgraphs/orders`, `gateway` (or any directory). */
  readonly workspace: string;
  /** Default: `src/main.ts` through tsx; a built service runs `['main.mjs']` (npm run build). */
  readonly args?: readonly string[];
  /** The whole environment of the process: nothing else is inherited but PATH and HOME. */
  readonly env: Readonly<Record<string, string>>;
  /** Default: logs go to this process's stdout and stderr. */
  readonly stdio?: ServiceStdio;
}

/**
 * A service's `src/main.ts` as one node process (`node --import tsx`, as the container images
 * run it): no npm or tsx wrapper in between, so a signal reaches the service itself. An IPC
 * channel carries the service's announcement of where it listens ({@link startedService}).
 */
export function spawnService({
  workspace,
  env,
  args = ['--import', 'tsx', 'src/main.ts'],
  stdio = ['ignore', 'inherit', 'inherit'],
}: SpawnServiceOptions): ChildProcess {
  const streams: StdioOptions = [...stdio, 'ipc'];
  return spawn(process.execPath, args, {
    cwd: resolve(root, workspace),
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: streams,
  });
}

const isListening = (message: unknown): message is ListeningMessage =>
  typeof message === 'object' && message !== null && (message as ListeningMessage).type === 'listening';

/**
 * Resolves with the GraphQL URL a spawned service announced, once that URL's `/ready` answers.
 * The port comes from the service itself, so a service started on port 0 is found, and a port
 * some other process holds is never mistaken for it: the service fails to listen, exits, and
 * this rejects at once with its exit code instead of timing out. Default timeout 60 s.
 */
export async function startedService(child: ChildProcess, timeout = 60_000): Promise<string> {
  let onExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;
  let onMessage: (message: unknown) => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<never>((_, reject) => {
    onExit = (code, signal) =>
      reject(new Error(`The service (pid ${child.pid}) exited (${code ?? signal}) before it was ready.`));
  });
  const announced = new Promise<string>((resolve, reject) => {
    onMessage = (message) => isListening(message) && resolve(message.url);
    timer = setTimeout(
      () => reject(new Error(`The service (pid ${child.pid}) did not listen within ${timeout} ms.`)),
      timeout,
    );
  });
  child.once('exit', onExit);
  child.on('message', onMessage);
  if (!isRunning(child)) onExit(child.exitCode, child.signalCode);
  try {
    const url = await Promise.race([announced, exited]);
    await Promise.race([waitUntilOk(new URL('/ready', url).toString(), timeout), exited]);
    return url;
  } finally {
    clearTimeout(timer);
    child.off('exit', onExit);
    child.off('message', onMessage);
  }
}

/** A service process that is ready, and the GraphQL URL it announced. */
export interface StartedServiceProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/**
 * {@link spawnService}, then {@link startedService}: a service process ready to answer, and its
 * URL. One that fails to start is killed and its failure thrown.
 */
export async function startServiceProcess(options: SpawnServiceOptions): Promise<StartedServiceProcess> {
  const child = spawnService(options);
  try {
    return { child, url: await startedService(child) };
  } catch (error) {
    await stopProcess(child, 'SIGKILL');
    throw error;
  }
}

/** The port of a service URL: where a restarted service must listen again to be found. */
export const portOf = (url: string): number => Number(new URL(url).port);

/** Polls `url` until it answers 2xx, or fails after `timeout` ms (default 60 s). */
function waitUntilOk(url: string, timeout = 60_000): Promise<void> {
  const ok = () =>
    fetch(url).then(
      (response) => response.ok,
      () => false,
    );
  return waitFor(ok, { what: `${url} to answer`, timeout, interval: 100 });
}
