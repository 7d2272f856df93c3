import type { ChildProcess } from 'node:child_process';
import { exitOf, isRunning, stopProcess } from '@shopgraph/service-kit/child-process';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RestartPolicyOptions } from './restart-policy';
import { createRestartSupervisor } from './restart-supervisor';
import { portOf, startServiceProcess } from './service-process';
import type { ServiceStdio } from './service-process';
import { SUBGRAPH_NAMES, databaseUrlVariable, routingEnv } from './subgraph-names';
import type { SubgraphName } from './subgraph-names';

export type ServiceName = SubgraphName | 'gateway';

/** Options of {@link startServiceFleet}. */
export interface ServiceFleetOptions {
  /** What every service reads besides its own URL, port and database (secrets, NODE_ENV, LOG_LEVEL…). */
  readonly env: Readonly<Record<string, string>>;
  readonly databases: Readonly<Record<SubgraphName, string>>;
  /** The JetStream server(s) the services share. */
  readonly natsUrl: string;
  /** Default: the services' logs go to this process's stdout and stderr. */
  readonly stdio?: ServiceStdio;
  /**
   * Restart a service whose process exits by itself (`npm run start:services`). Default: off,
   * for tests that kill and start services themselves.
   */
  readonly restarts?: { readonly log: Logger; readonly policy?: RestartPolicyOptions };
}

/** Each subgraph and the gateway as its own process, as production runs them. */
export interface ServiceFleet {
  readonly gatewayUrl: string;
  /** The GraphQL URL a service's first process announced. */
  url(name: ServiceName): string;
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

/**
 * Starts the four subgraphs on NATS (`EVENT_BUS=nats`), waits until each is ready, then the
 * gateway routed to them. Used by `npm run start:services` and by the multi-process tests.
 */
export async function startServiceFleet(options: ServiceFleetOptions): Promise<ServiceFleet> {
  const { env, databases, natsUrl, stdio, restarts } = options;
  const children = new Map<ServiceName, ChildProcess>();
  const supervisor = restarts && createRestartSupervisor<ServiceName>({ ...restarts, restart: (name) => start(name) });
  /** Each service's GraphQL URL, as its first process announced it. */
  const urls = new Map<ServiceName, string>();
  const urlOf = (name: ServiceName) => {
    const url = urls.get(name);
    if (!url) throw new Error(`${name} has not started yet.`);
    return url;
  };

  function environmentOf(name: ServiceName): Record<string, string> {
    const prefix = name.toUpperCase();
    const own =
      name === 'gateway'
        ? routingEnv(urlOf)
        : { [databaseUrlVariable(name)]: databases[name], EVENT_BUS: 'nats', NATS_URL: natsUrl };
    // the first process listens where `env` says (ANY_FREE_PORTS: where the kernel puts it, and
    // it announces the port); a restarted one listens there again, where it is routed to
    const restart = urls.has(name) ? { [`${prefix}_PORT`]: String(portOf(urlOf(name))) } : {};
    return { ...env, ...own, ...restart, [`${prefix}_HOST`]: '127.0.0.1' };
  }

  async function start(name: ServiceName, extraEnv: Readonly<Record<string, string>> = {}): Promise<void> {
    const running = children.get(name);
    if (running && isRunning(running)) throw new Error(`${name} is running.`);
    // started by hand: a restart planned for its dead process is no longer wanted
    supervisor?.release(name, undefined);
    const { child, url } = await startServiceProcess({
      workspace: workspaceOf(name),
      env: { ...environmentOf(name), ...extraEnv },
      ...(stdio && { stdio }),
    });
    children.set(name, child);
    supervisor?.watch(name, child);
    if (!urls.has(name)) urls.set(name, url);
  }

  async function stop(name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = children.get(name);
    supervisor?.release(name, child);
    if (child) await stopProcess(child, signal);
  }

  try {
    await Promise.all(SUBGRAPH_NAMES.map((name) => start(name)));
    await start('gateway');
  } catch (error) {
    supervisor?.close();
    await Promise.all([...children.values()].map((child) => stopProcess(child, 'SIGKILL')));
    throw error;
  }
  return {
    gatewayUrl: urlOf('gateway'),
    url: urlOf,
    pid: (name) => children.get(name)?.pid,
    start,
    exited: (name) => {
      const child = children.get(name);
      return child ? exitOf(child) : Promise.resolve(null);
    },
    stop,
    signalAll(signal) {
      supervisor?.close();
      for (const child of children.values()) if (isRunning(child)) child.kill(signal);
    },
    async stopAll() {
      supervisor?.close();
      // the gateway first, so no request reaches a subgraph that is already gone
      await stop('gateway');
      await Promise.all(SUBGRAPH_NAMES.map((name) => stop(name)));
    },
  };
}
