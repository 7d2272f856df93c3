import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@shopgraph/service-kit/logger';

export interface SupergraphSourceOptions {
  readonly path: string;
  /** Reload the schema when the file changes (development). */
  readonly watch: boolean;
  readonly log: Logger;
}

/**
 * Serves the committed, pre-composed supergraph file (no composition at run time). In
 * development a change to the file (`npm run compose`) is picked up without a restart.
 */
export function supergraphFromFile({ path, watch: watchFile, log }: SupergraphSourceOptions): SupergraphSdlHook {
  return async ({ update }) => {
    const supergraphSdl = await readFile(path, 'utf8');
    if (!watchFile) return { supergraphSdl };
    let last = supergraphSdl;
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      const next = await readFile(path, 'utf8');
      if (next === last) return;
      last = next;
      update(next);
      log.info({ path }, 'supergraph reloaded');
    };
    const watcher = watch(path, () => {
      clearTimeout(timer);
      // editors and `npm run compose` write in bursts: settle before reading
      timer = setTimeout(() => reload().catch((err: unknown) => log.error({ err }, 'supergraph reload failed')), 100);
    });
    return {
      supergraphSdl,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
