import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { loadPersistedOperationManifest } from '../../src/persisted-operations/persisted-operation-manifest';
import { usageRecordSchema } from '../../src/usage/usage-record';
import { BadInput } from './bad-input';

/** An operation the check protects: from the persisted manifest, the gateway's usage record, or both. */
export interface RecordedOperation {
  readonly hash: string;
  readonly name: string;
  readonly body: string;
  /** `client@version (N requests)`, or the manifest file for first-party operations. */
  readonly clients: readonly string[];
}

async function fromManifest(path: string, root: string): Promise<RecordedOperation[]> {
  const manifest = await loadPersistedOperationManifest(path).catch((error: unknown) => {
    throw new BadInput(path, error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  });
  const client = `persisted manifest ${relative(root, path)}`;
  return [...manifest.values()].map(({ id, name, body }) => ({ hash: id, name, body, clients: [client] }));
}

async function fromUsageRecord(path: string): Promise<RecordedOperation[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    // no record yet (nothing sent through a gateway here) is not an error: the manifests still count
    if (error.code === 'ENOENT') return undefined;
    throw new BadInput(path, `unreadable usage record (${error.code ?? error.message})`);
  });
  if (text === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BadInput(path, 'usage record is not JSON');
  }
  const parsed = usageRecordSchema.safeParse(json);
  if (!parsed.success) throw new BadInput(path, `not a usage record (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data.operations.map(({ hash, name, body, clients }) => ({
    hash,
    name: name ?? '(anonymous)',
    body,
    clients: clients.map((client) => `${client.name}@${client.version} (${client.count} requests)`),
  }));
}

/** The manifests' and the usage record's operations, one entry per hash with every client of it. */
export async function loadRecordedOperations(options: {
  readonly manifests: readonly string[];
  readonly usageRecord: string | undefined;
  readonly root: string;
}): Promise<RecordedOperation[]> {
  const lists = await Promise.all([
    ...options.manifests.map((path) => fromManifest(path, options.root)),
    options.usageRecord === undefined ? [] : fromUsageRecord(options.usageRecord),
  ]);
  const byHash = new Map<string, RecordedOperation>();
  for (const operation of lists.flat()) {
    const seen = byHash.get(operation.hash);
    byHash.set(operation.hash, seen ? { ...seen, clients: [...seen.clients, ...operation.clients] } : operation);
  }
  return [...byHash.values()];
}
