import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@shopgraph/service-kit/logger';

export interface SupergraphSourceOptions {
  readonly path: string;
  /** Reload the schema when the file changes (development). */
  readonly watch: boolean;
  /** Throws when the gateway cannot serve this supergraph: it is then refused, at boot and on reload. */
  readonly accept: (supergraphSdl: string) => void;
  readonly log: Logger;
}

/**
 * Serves the committed, pre-composed supergraph file (no composition at run time). In
 * development a change to the file (`npm run compose`) is picked up without a restart.
 */
export function supergraphFromFile(options: SupergraphSourceOptions): SupergraphSdlHook {
  const { path, watch: watchFile, accept, log } = options;
  return async ({ update }) => {
    const supergraphSdl = await readFile(path, 'utf8');
    accept(supergraphSdl);
    if (!watchFile) return { supergraphSdl };
    let last = supergraphSdl;
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      const next = await readFile(path, 'utf8');
      if (next === last) return;
      accept(next);
      update(next);
      // only once served: writing the refused file again retries it
      last = next;
    };
    const watcher = watch(path, () => {
      clearTimeout(timer);
      // editors and `npm run compose` write in bursts: settle before reading
      const refused = (err: unknown) =>
        log.error({ err, path }, 'supergraph reload refused: the supergraph in force stays');
      timer = setTimeout(() => reload().catch(refused), 100);
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
