import type { DocumentNode } from 'graphql';
import { loadGatewayConfig } from '@shopgraph/gateway/config';
import { startGateway } from '@shopgraph/gateway/gateway-server';
import { serviceLogger } from '@shopgraph/service-kit/logger';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { loadBusConfig } from '@shopgraph/event-bus/bus-config';
import { createPostgresEventBus } from '@shopgraph/event-bus/postgres-event-bus';
import type { PostgresEventBus } from '@shopgraph/event-bus/postgres-event-bus';
import { SUBGRAPH_MODULES } from './services';
import { SUBGRAPH_NAMES, databaseUrlVariable, routingEnv } from './subgraph-names';
import type { SubgraphName } from './subgraph-names';

type Env = Readonly<Record<string, string | undefined>>;

export interface StackOptions {
  /** The environment every service reads its configuration from, as it would alone. */
  readonly env: Env;
  readonly databases: Readonly<Record<SubgraphName, string>>;
  /**
   * The database of the Postgres bus all services share. Default: `EVENT_BUS_DATABASE_URL`,
   * else the orders database (when every database is external and no bus database is named).
   */
  readonly eventBusDatabase?: string | undefined;
  readonly log: Logger;
  /**
   * SDL payments serves in place of its `schema.graphql`: its next version, deployed ahead of
   * the supergraph that uses it, as the `@override` walkthrough does. Default: none.
   */
  readonly deployedSchemas?: { readonly payments?: DocumentNode };
}

export interface Stack {
  readonly gateway: RunningService;
  readonly subgraphs: Readonly<Record<SubgraphName, RunningService>>;
  /** The bus the services share when `EVENT_BUS` is `postgres` (the default); none on NATS. */
  readonly bus: PostgresEventBus | undefined;
  /** Development defaults in use (secrets), each once. */
  readonly warnings: readonly string[];
  stop(): Promise<void>;
}

/**
 * The whole supergraph in one process ("modular monolith first"): each subgraph still has
 * its own HTTP server, port, Prisma client and database, and the gateway reaches them over
 * real HTTP, exactly as when they run as separate processes.
 */
export async function startStack({
  env,
  databases,
  eventBusDatabase,
  log,
  deployedSchemas,
}: StackOptions): Promise<Stack> {
  const started: RunningService[] = [];
  const warnings = new Set<string>();
  // one process, one bus: every service's consumers hear every other service's events
  const busConfig = loadBusConfig({ EVENT_BUS_DATABASE_URL: eventBusDatabase, ...definedOnly(env) }, databases.orders);
  const bus =
    busConfig.kind === 'postgres'
      ? await createPostgresEventBus({
          databaseUrl: busConfig.databaseUrl,
          logger: log.child({ component: 'event-bus' }),
        })
      : undefined;
  const deps = bus ? { bus } : {};
  try {
    const subgraphs = {} as Record<SubgraphName, RunningService>;
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const serviceEnv = { ...env, [databaseUrlVariable(name)]: databases[name] };
        const typeDefs = name === 'payments' ? deployedSchemas?.payments : undefined;
        const service = await SUBGRAPH_MODULES[name].start(serviceEnv, serviceLogger(log, name), { ...deps, typeDefs });
        started.push(service);
        service.warnings.forEach((warning) => warnings.add(warning));
        subgraphs[name] = service;
      }),
    );
    const gatewayConfig = loadGatewayConfig({ ...env, ...routingEnv((name) => subgraphs[name].url) });
    gatewayConfig.warnings.forEach((warning) => warnings.add(warning));
    const gateway = await startGateway(gatewayConfig, serviceLogger(log, 'gateway'));
    started.push(gateway);
    const stop = async () => {
      await stopAll(started);
      await bus?.close();
    };
    return { gateway, subgraphs, bus, warnings: [...warnings], stop };
  } catch (error) {
    await stopAll(started);
    await bus?.close();
    throw error;
  }
}

// the gateway first, so no request reaches a subgraph that is already gone
async function stopAll(services: readonly RunningService[]): Promise<void> {
  const gateway = services.filter((service) => service.name === 'gateway');
  await Promise.all(gateway.map((service) => service.stop()));
  await Promise.all(services.filter((service) => service.name !== 'gateway').map((service) => service.stop()));
}

// an unset variable must not hide the bus database the caller found
const definedOnly = (env: Env): Env =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
