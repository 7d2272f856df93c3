import type { ChildProcess } from 'node:child_process';
import { spawnService } from '@shopgraph/stack/service-process';

export { stopServiceProcess, waitUntilOk } from '@shopgraph/stack/service-process';

/** A service's `src/main.ts` as its own process with only `env`; its stdout is dropped, stderr shown. */
export function startServiceProcess(workspace: string, env: Readonly<Record<string, string>>): ChildProcess {
  return spawnService({ workspace, env, stdio: ['ignore', 'ignore', 'inherit'] });
}
