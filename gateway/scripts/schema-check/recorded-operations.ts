import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { parse } from 'graphql';
import { loadPersistedOperationManifest } from '../../src/persisted-operations/persisted-operation-manifest';
import { usageRecordSchema } from '../../src/usage/usage-record';
import { BadInput } from './bad-input';

/** An operation the check protects: from the persisted manifest, the gateway's usage record, or both. */
export interface RecordedOperation {
  readonly hash: string;
  /** The operation's name, or `(anonymous)`. */
  readonly name: string;
  /** What to plan and validate: the name within `body`, undefined for an anonymous operation. */
  readonly operationName: string | undefined;
  readonly body: string;
  /** `client@version (N requests)`, or the manifest file for first-party operations. */
  readonly clients: readonly string[];
}

async function fromManifest(path: string, root: string): Promise<RecordedOperation[]> {
  const manifest = await loadPersistedOperationManifest(path).catch((error: unknown) => {
    throw new BadInput(path, error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  });
  const client = `persisted manifest ${relative(root, path)}`;
  return [...manifest.values()].map(({ id, name, body }) => ({
    hash: id,
    name,
    operationName: name,
    body,
    clients: [client],
  }));
}

function parses(body: string): boolean {
  try {
    parse(body);
    return true;
  } catch {
    return false;
  }
}

async function fromUsageRecord(path: string, required: boolean): Promise<RecordedOperation[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    // no record at the default path yet (no gateway ran here) is no error: the manifests still count
    if (error.code === 'ENOENT' && !required) return undefined;
    if (error.code === 'ENOENT') throw new BadInput(path, 'no such usage record');
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
  const unparsable = parsed.data.operations.find(({ body }) => !parses(body));
  if (unparsable) throw new BadInput(path, `operation ${unparsable.hash} in the usage record does not parse`);
  return parsed.data.operations.map(({ hash, name, body, clients }) => ({
    hash,
    name: name ?? '(anonymous)',
    operationName: name ?? undefined,
    body,
    clients: clients.map(
      ({ name: client, version, count }) => `${client}@${version} (${count} ${count === 1 ? 'request' : 'requests'})`,
    ),
  }));
}

/** The manifests' and the usage record's operations, one entry per hash with every client of it. */
export async function loadRecordedOperations(options: {
  readonly manifests: readonly string[];
  readonly usageRecord: string | undefined;
  readonly usageRecordRequired?: boolean;
  readonly root: string;
}): Promise<RecordedOperation[]> {
  const lists = await Promise.all([
    ...options.manifests.map((path) => fromManifest(path, options.root)),
    options.usageRecord === undefined ? [] : fromUsageRecord(options.usageRecord, options.usageRecordRequired ?? false),
  ]);
  const byHash = new Map<string, RecordedOperation>();
  for (const operation of lists.flat()) {
    const seen = byHash.get(operation.hash);
    byHash.set(operation.hash, seen ? { ...seen, clients: [...seen.clients, ...operation.clients] } : operation);
  }
  return [...byHash.values()];
}
