import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SUBGRAPH_NAMES } from './subgraph-names';
import type { SubgraphName } from './subgraph-names';

/** Passwords of the embedded cluster: made once, kept beside the data, readable by us only. */
export interface ClusterCredentials {
  readonly superuser: string;
  readonly roles: Readonly<Record<SubgraphName, string>>;
  /** The event bus database's role (added in issue 9: older files get it on first load). */
  readonly eventBus: string;
}

const generate = (): string => randomBytes(18).toString('base64url');

export async function loadOrCreateCredentials(dataDir: string): Promise<ClusterCredentials> {
  const file = join(dataDir, 'credentials.json');
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<ClusterCredentials> &
      Omit<ClusterCredentials, 'eventBus'>;
    if (stored.eventBus) return { ...stored, eventBus: stored.eventBus };
    const completed = { ...stored, eventBus: generate() };
    await writeFile(file, JSON.stringify(completed, null, 2), { mode: 0o600 });
    return completed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const credentials: ClusterCredentials = {
    superuser: generate(),
    roles: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, generate()])) as Record<SubgraphName, string>,
    eventBus: generate(),
  };
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
