import { USAGE_RECORD_FORMAT } from './usage-record';
import type { ClientUsage, OperationUsage, UsageRecord } from './usage-record';

/** Longest document kept: a bigger one is counted as dropped, so memory stays bounded. */
export const MAX_RECORDED_BODY_CHARS = 16_384;
/** Client name/version pairs kept per operation. */
export const MAX_CLIENTS_PER_OPERATION = 100;

/** One request's operation, as the gateway resolved it. */
export interface OperationSeen {
  readonly hash: string;
  readonly name: string | null;
  readonly body: string;
  readonly clientName: string;
  readonly clientVersion: string;
}

/** Operations counted in memory, at most `maxOperations` distinct ones. */
export interface UsageStore {
  record(seen: OperationSeen): void;
  snapshot(): UsageRecord;
  /** Requests not counted because a bound was reached (new operation, client or huge document). */
  readonly dropped: number;
  /** Whether anything was counted since the last snapshot. */
  readonly dirty: boolean;
}

function clientKey(client: Pick<ClientUsage, 'name' | 'version'>): string {
  return JSON.stringify([client.name, client.version]);
}

/** A bounded store, seeded with a record read from disk so counts survive a restart. */
export function createUsageStore(options: { readonly maxOperations: number; readonly seed?: UsageRecord }): UsageStore {
  const operations = new Map<string, { usage: OperationUsage; clients: Map<string, ClientUsage> }>();
  for (const usage of options.seed?.operations.slice(0, options.maxOperations) ?? []) {
    const clients = usage.clients
      .slice(0, MAX_CLIENTS_PER_OPERATION)
      .map((client) => [clientKey(client), client] as const);
    operations.set(usage.hash, { usage, clients: new Map(clients) });
  }
  let dropped = 0;
  let dirty = false;
  const entryFor = (seen: OperationSeen) => {
    const known = operations.get(seen.hash);
    if (known || operations.size >= options.maxOperations || seen.body.length > MAX_RECORDED_BODY_CHARS) return known;
    const created = { usage: { hash: seen.hash, name: seen.name, body: seen.body, clients: [] }, clients: new Map() };
    operations.set(seen.hash, created);
    return created;
  };
  return {
    record(seen) {
      const entry = entryFor(seen);
      const key = clientKey({ name: seen.clientName, version: seen.clientVersion });
      const client = entry?.clients.get(key);
      if (!entry || (!client && entry.clients.size >= MAX_CLIENTS_PER_OPERATION)) {
        dropped += 1;
        return;
      }
      const now = new Date().toISOString();
      const counted = client ?? {
        name: seen.clientName,
        version: seen.clientVersion,
        count: 0,
        firstSeen: now,
        lastSeen: now,
      };
      entry.clients.set(key, { ...counted, count: counted.count + 1, lastSeen: now });
      dirty = true;
    },
    snapshot() {
      dirty = false;
      const list = [...operations.values()].map(({ usage, clients }) => ({ ...usage, clients: [...clients.values()] }));
      return { format: USAGE_RECORD_FORMAT, version: 1, updatedAt: new Date().toISOString(), operations: list };
    },
    get dropped() {
      return dropped;
    },
    get dirty() {
      return dirty;
    },
  };
}
