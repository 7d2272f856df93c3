import type { ChildProcess, StdioOptions } from 'node:child_process';
import { spawnService, stopServiceProcess, waitUntilOk } from './service-process';
import { SUBGRAPH_NAMES, databaseUrlVariable } from './subgraph-names';
import type { SubgraphName } from './subgraph-names';

export type ServiceName = SubgraphName | 'gateway';

/** Options of {@link startServiceFleet}. */
export interface ServiceFleetOptions {
  /** What every service reads besides its own URL, port and database (secrets, NODE_ENV, LOG_LEVEL…). */
  readonly env: Readonly<Record<string, string>>;
  readonly databases: Readonly<Record<SubgraphName, string>>;
  /** The JetStream server(s) the services share. */
  readonly natsUrl: string;
  /** A fixed port per service, so a restarted service is found where it was. */
  readonly ports: Readonly<Record<ServiceName, number>>;
  /** Default: the services' logs go to this process's stdout and stderr. */
  readonly stdio?: StdioOptions;
}

/** Each subgraph and the gateway as its own process, as production runs them. */
export interface ServiceFleet {
  readonly gatewayUrl: string;
  /** The PID of a service's current process. */
  pid(name: ServiceName): number | undefined;
  /** Starts a service again (after a crash or a stop), with `extraEnv` on top of its usual environment. */
  start(name: ServiceName, extraEnv?: Readonly<Record<string, string>>): Promise<void>;
  /** Resolves when a service's current process has exited, whatever ended it. */
  exited(name: ServiceName): Promise<number | string | null>;
  stop(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  stopAll(): Promise<void>;
  /** Sends `signal` to every running service without waiting: for a process that is exiting anyway. */
  signalAll(signal: NodeJS.Signals): void;
}

const workspaceOf = (name: ServiceName) => (name === 'gateway' ? 'gateway' : `subgraphs/${name}`);
const urlOf = (port: number) => `http://127.0.0.1:${port}`;

/**
 * Starts the four subgraphs on NATS (`EVENT_BUS=nats`), waits until each is ready, then the
 * gateway routed to them. Used by `npm run start:services` and by the multi-process tests.
 */
export async function startServiceFleet(options: ServiceFleetOptions): Promise<ServiceFleet> {
  const { env, databases, natsUrl, ports, stdio } = options;
  const children = new Map<ServiceName, ChildProcess>();
  const routing = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `${urlOf(ports[name])}/graphql`]),
  );

  function environmentOf(name: ServiceName): Record<string, string> {
    const prefix = name.toUpperCase();
    const own =
      name === 'gateway'
        ? routing
        : { [databaseUrlVariable(name)]: databases[name], EVENT_BUS: 'nats', NATS_URL: natsUrl };
    return { ...env, ...own, [`${prefix}_PORT`]: String(ports[name]), [`${prefix}_HOST`]: '127.0.0.1' };
  }

  async function start(name: ServiceName, extraEnv: Readonly<Record<string, string>> = {}): Promise<void> {
    const running = children.get(name);
    if (running && running.exitCode === null && running.signalCode === null) throw new Error(`${name} is running.`);
    const child = spawnService({
      workspace: workspaceOf(name),
      env: { ...environmentOf(name), ...extraEnv },
      ...(stdio && { stdio }),
    });
    children.set(name, child);
    await waitUntilOk(`${urlOf(ports[name])}/ready`);
  }

  async function stop(name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = children.get(name);
    if (child) await stopServiceProcess(child, signal);
  }

  const fleet: ServiceFleet = {
    gatewayUrl: `${urlOf(ports.gateway)}/graphql`,
    pid: (name) => children.get(name)?.pid,
    start,
    exited: (name) => {
      const child = children.get(name);
      if (!child || child.exitCode !== null || child.signalCode !== null)
        return Promise.resolve(child?.exitCode ?? child?.signalCode ?? null);
      return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    },
    stop,
    signalAll(signal) {
      for (const child of children.values())
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async stopAll() {
      // the gateway first, so no request reaches a subgraph that is already gone
      await stop('gateway');
      await Promise.all(SUBGRAPH_NAMES.map((name) => stop(name)));
    },
  };
  try {
    await Promise.all(SUBGRAPH_NAMES.map((name) => start(name)));
    await start('gateway');
  } catch (error) {
    await Promise.all([...children.values()].map((child) => stopServiceProcess(child, 'SIGKILL')));
    throw error;
  }
  return fleet;
}
