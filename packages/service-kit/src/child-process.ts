import type { ChildProcess } from 'node:child_process';

/** Whether `child` has not ended yet (by exit or by signal). */
export const isRunning = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

/** Resolves with the exit code or the signal that ended `child`, at once if it has ended already. */
export function exitOf(child: ChildProcess): Promise<number | string | null> {
  if (!isRunning(child)) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
}

/** Sends `signal` (SIGTERM by default) unless `child` has ended, then resolves as {@link exitOf}. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string | null> {
  const exited = exitOf(child);
  if (isRunning(child)) child.kill(signal);
  return exited;
}
