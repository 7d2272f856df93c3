import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { UsageRecordingConfig } from './usage-config';
import { readUsageRecord, writeUsageRecord } from './usage-file';
import { UNNAMED_CLIENT } from './usage-record';
import { createUsageStore } from './usage-store';
import type { UsageStore } from './usage-store';

const CLIENT_HEADER_CHARS = 100;
const header = (value: string | undefined, fallback: string) => (value ?? fallback).slice(0, CLIENT_HEADER_CHARS);

async function flush(store: UsageStore, path: string, log: Logger): Promise<void> {
  if (!store.dirty) return;
  await writeUsageRecord(path, store.snapshot()).catch((error: unknown) => {
    log.warn({ err: error, path }, 'could not write the operation usage record');
  });
}

/**
 * Counts the operations clients send (hash, name, `apollographql-client-name`/`-version`,
 * first and last seen) for `npm run schema:check`, bounded in memory, and writes them
 * atomically to a JSON file every `intervalMs` and at shutdown. Only operations that resolved
 * (parsed and validated) count: a broken request is no usage to protect.
 */
export function usageRecordingPlugin<C extends BaseContext>(
  settings: UsageRecordingConfig['usageRecording'],
  log: Logger,
): ApolloServerPlugin<C> {
  if (!settings.enabled) return {};
  let store: UsageStore | undefined;
  return {
    async serverWillStart() {
      const seed = await readUsageRecord(settings.path);
      const started = createUsageStore({ maxOperations: settings.maxOperations, ...(seed ? { seed } : {}) });
      store = started;
      const timer = setInterval(() => void flush(started, settings.path, log), settings.intervalMs);
      timer.unref();
      return {
        async serverWillStop() {
          clearInterval(timer);
          await flush(started, settings.path, log);
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash, source, operationName, request }) {
          store?.record({
            hash: queryHash,
            name: operationName,
            body: source,
            clientName: header(request.http?.headers.get('apollographql-client-name') ?? undefined, UNNAMED_CLIENT),
            clientVersion: header(request.http?.headers.get('apollographql-client-version') ?? undefined, ''),
          });
        },
      };
    },
  };
}
