import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { stopProcess } from '@shopgraph/service-kit/child-process';
import { waitFor } from '@shopgraph/service-kit/wait-for';

export interface NatsServerOptions {
  /** Holds the config file and the JetStream store; start again on it to keep the data. */
  readonly dataDir: string;
  /** Default: a free port the server picks itself (no race with other test files). */
  readonly port?: number;
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default `nats-server`, found on PATH. */
  readonly binary?: string;
  /** Default 10 seconds. */
  readonly startTimeout?: number;
}

export interface RunningNatsServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /**
   * Whether every write is fsynced before it is acknowledged (`sync_interval: always`). Needs
   * nats-server 2.10; older servers fsync every 2 minutes, see decision 0010.
   */
  readonly syncAlways: boolean;
  /** Sends `signal` (default SIGTERM) to this server's PID and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The nats-server executable on PATH, if any. */
export function findNatsServer(name = 'nats-server'): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** A JetStream server with file storage in `dataDir`, listening on 127.0.0.1 only. */
export async function startNatsServer(options: NatsServerOptions): Promise<RunningNatsServer> {
  const {
    dataDir,
    port = -1, // the server picks a free port and writes it to its ports file
    host = '127.0.0.1',
    binary = 'nats-server',
    startTimeout = 10_000, // 10 seconds
  } = options;
  await mkdir(dataDir, { recursive: true });
  const { configFile, syncAlways } = await writeConfig({ binary, dataDir, listen: `${host}:${port}` });
  const child = spawn(binary, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  const log = keepTail(child);
  const { pid } = child;
  try {
    if (pid === undefined) throw new Error('nats-server did not start.');
    const actualPort = await readPort({ child, dataDir, pid, timeout: startTimeout });
    await waitFor(() => accepts(host, actualPort), {
      what: `nats-server on port ${actualPort}`,
      timeout: startTimeout,
    });
    return {
      url: `nats://${host}:${actualPort}`,
      port: actualPort,
      pid,
      syncAlways,
      stop: async (signal) => void (await stopProcess(child, signal)),
    };
  } catch (error) {
    await stopProcess(child, 'SIGKILL');
    throw new Error(`nats-server failed to start: ${String(error)}\n${log()}`);
  }
}

const run = promisify(execFile);

async function writeConfig(input: { binary: string; dataDir: string; listen: string }) {
  const { binary, dataDir, listen } = input;
  const configFile = join(dataDir, 'nats-server.conf');
  for (const syncAlways of [true, false]) {
    await writeFile(configFile, renderConfig({ dataDir, listen, syncAlways }));
    const checked = await run(binary, ['-c', configFile, '-t']).then(
      () => '',
      (error: unknown) => String(error),
    );
    if (!checked) return { configFile, syncAlways };
    // nats-server < 2.10 does not know the setting: run it with its built-in interval
    if (!(syncAlways && checked.includes('sync_interval'))) throw new Error(checked);
  }
  throw new Error('unreachable: the configuration without sync_interval was refused');
}

function renderConfig(input: { dataDir: string; listen: string; syncAlways: boolean }): string {
  const { dataDir, listen, syncAlways } = input;
  return [
    `listen: ${JSON.stringify(listen)}`,
    `ports_file_dir: ${JSON.stringify(dataDir)}`,
    'jetstream {',
    `  store_dir: ${JSON.stringify(dataDir)}`,
    // fsync every write before the PubAck: an acknowledged event survives a power cut
    ...(syncAlways ? ['  sync_interval: always'] : []),
    '}',
    '',
  ].join('\n');
}

async function readPort(input: { child: ChildProcess; dataDir: string; pid: number; timeout: number }) {
  const { child, dataDir, pid, timeout } = input;
  let port: number | undefined;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`nats-server exited with code ${child.exitCode}`);
      // written by the server once it listens, named after its executable and PID
      const text = await readFile(join(dataDir, `nats-server_${pid}.ports`), 'utf8').catch(() => '');
      port = portOf(text);
      return port !== undefined;
    },
    { what: 'the nats-server ports file', timeout },
  );
  if (port === undefined) throw new Error('no client port in the ports file');
  return port;
}

function portOf(portsFile: string): number | undefined {
  try {
    const { nats } = JSON.parse(portsFile) as { nats?: string[] };
    const url = nats?.[0];
    return url ? Number(new URL(url).port) : undefined;
  } catch {
    return undefined; // not written yet, or written half-way
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function keepTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4_000)));
  // a spawn failure is reported through the start error, not as an unhandled 'error' event
  child.once('error', (error) => (tail += String(error)));
  return () => tail;
}
