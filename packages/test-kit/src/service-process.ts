import type { ChildProcess } from 'node:child_process';
import { spawnService, startedService, stopServiceProcess } from '@shopgraph/stack/service-process';

export { portOf, stopServiceProcess } from '@shopgraph/stack/service-process';

/** A service process that is ready, and the GraphQL URL it announced. */
export interface StartedServiceProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/**
 * A service's `src/main.ts` as its own process with only `env` (its port 0 unless `env` sets
 * one), ready to answer; its stdout is dropped, stderr shown. A process that fails to start is
 * killed and its failure thrown.
 */
export async function startServiceProcess(
  workspace: string,
  env: Readonly<Record<string, string>>,
): Promise<StartedServiceProcess> {
  const child = spawnService({ workspace, env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    return { child, url: await startedService(child) };
  } catch (error) {
    await stopServiceProcess(child, 'SIGKILL');
    throw error;
  }
}
