import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StackConfig } from './config';
import type { ClusterCredentials } from './credentials';
import { embeddedClusterUrl } from './embedded-postgres';

/** The embedded cluster's event bus database and its role (`npm start` shares one bus there). */
export const EVENT_BUS_DATABASE = 'shopgraph_events';
export const EVENT_BUS_ROLE = 'events_service';

/** The URL of the embedded cluster's event bus database, as its role connects. */
export function embeddedEventBusUrl(options: { readonly port: number; readonly password: string }): string {
  return embeddedClusterUrl({ ...options, user: EVENT_BUS_ROLE, database: EVENT_BUS_DATABASE });
}

/**
 * Where the Postgres event bus of this configuration lives: `EVENT_BUS_DATABASE_URL`, else the
 * embedded cluster's `shopgraph_events` (read from its credentials; the cluster must be running).
 */
export async function findEventBusDatabase(
  env: Readonly<Record<string, string | undefined>>,
  config: StackConfig,
): Promise<string> {
  const given = env['EVENT_BUS_DATABASE_URL'];
  if (given) return given;
  const file = join(config.dataDir, 'credentials.json');
  const stored = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Partial<ClusterCredentials>,
    () => ({}) as Partial<ClusterCredentials>,
  );
  if (!stored.eventBus) {
    throw new Error(
      `No embedded cluster with an event bus in ${config.dataDir}: run npm start, or set EVENT_BUS_DATABASE_URL.`,
    );
  }
  return embeddedEventBusUrl({ port: config.embeddedPostgresPort, password: stored.eventBus });
}
