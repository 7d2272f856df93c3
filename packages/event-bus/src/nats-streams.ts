import { DiscardPolicy, JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/** Where one namespace's events and dead letters live. */
export interface StreamNames {
  readonly namespace: string;
  /** `SHOP`, on `shop.>`. */
  readonly stream: string;
  /** `SHOP_DLQ`, on `shop-dlq.>`: outside `shop.>`, so no consumer of events reads a dead letter. */
  readonly deadLetterStream: string;
  readonly deadLetterNamespace: string;
}

export function streamNames(namespace: string): StreamNames {
  const stream = namespace.toUpperCase().replaceAll(/[^A-Z0-9_-]/g, '_');
  return { namespace, stream, deadLetterStream: `${stream}_DLQ`, deadLetterNamespace: `${namespace}-dlq` };
}

export interface StreamSettings {
  readonly duplicateWindow: number;
  readonly maxAge: number;
}

/** Creates both streams, or brings their settings in line with ours; safe from every service at boot. */
export async function ensureStreams(
  jsm: JetStreamManager,
  names: StreamNames,
  settings: StreamSettings,
): Promise<void> {
  const common = {
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    num_replicas: 1,
    duplicate_window: nanos(settings.duplicateWindow),
  };
  await ensureStream(jsm, {
    ...common,
    name: names.stream,
    subjects: [`${names.namespace}.>`],
    max_age: nanos(settings.maxAge),
  });
  // dead letters wait for a person: they never expire
  await ensureStream(jsm, { ...common, name: names.deadLetterStream, subjects: [`${names.deadLetterNamespace}.>`] });
}

async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add(config);
    return;
  }
  await jsm.streams.update(config.name, config);
}
