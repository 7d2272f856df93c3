import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@shopgraph/service-kit/logger';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { freePort } from '@shopgraph/test-kit/free-port';
import { prepareDatabases } from '../prepare-databases';
import { resolveDatabases } from '../databases';
import type { Databases } from '../databases';

/**
 * A PostgreSQL of the test's own (its own data directory and port), migrated and seeded like
 * `npm start`'s, for tests that kill or pause the server: never the cluster other tests share.
 * Every signal goes to this cluster's PIDs only (its postmaster.pid and that process's children).
 */
export interface OwnPostgres {
  readonly urls: Databases['urls'];
  /** SIGKILL the postmaster, as a crash or the OOM killer would. */
  kill(): Promise<void>;
  /** Starts the server again on the same data directory and port (after {@link kill}). */
  restart(): Promise<void>;
  /** SIGSTOP the postmaster and its backends: connections stay open and nothing answers. */
  pause(): Promise<void>;
  /** SIGCONT whatever {@link pause} stopped. */
  resume(): void;
  /** Resumes, stops the server, removes its files. */
  stop(): Promise<void>;
}

const silent = createLogger('own-postgres', 'silent');

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dataDir = await mkdtemp(join(tmpdir(), 'shopgraph-outage-'));
  const config = {
    logLevel: 'silent',
    dataDir,
    embeddedPostgresPort: await freePort(),
    environment: 'test' as const,
  };
  let databases: Databases = await prepareDatabases({ config, env: {}, log: silent, seed: true });
  const postmaster = async () =>
    Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  let paused: number[] = [];
  const resume = () => {
    for (const pid of paused) signal(pid, 'SIGCONT');
    paused = [];
  };
  return {
    urls: databases.urls,
    async kill() {
      signal(await postmaster(), 'SIGKILL');
    },
    async restart() {
      // the killed server's backends notice and exit on their own; until then the data
      // directory is still in use and a start is refused
      await waitFor(
        async () => {
          databases = await resolveDatabases({
            env: {},
            dataDir,
            embeddedPort: config.embeddedPostgresPort,
            log: silent,
          }).catch(() => databases);
          return isAlive(await postmaster());
        },
        { what: 'PostgreSQL to start again', timeout: 60_000, interval: 500 },
      );
    },
    async pause() {
      const pid = await postmaster();
      paused = [pid, ...(await childrenOf(pid))];
      for (const one of paused) signal(one, 'SIGSTOP');
    },
    resume,
    async stop() {
      resume();
      await databases.stop().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The PIDs whose parent is `pid`, from /proc (Linux). */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // the field after the command, which may contain spaces, is the state, then the parent
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === pid) children.push(Number(entry));
  }
  return children;
}
