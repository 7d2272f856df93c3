import type { BaseContext } from '@apollo/server';
import type pg from 'pg';
import { databaseAnswers } from './database/database-probe';
import { endPool } from './database/end-pool';
import { createServicePool } from './database/service-pool';
import type { Logger } from './logger';
import { observePools } from './metrics/pool-metrics';
import { createServiceMetrics } from './metrics/service-metrics';
import type { ServiceMetrics } from './metrics/service-metrics';
import { serve } from './running-service';
import type { RunningService } from './running-service';
import type { SubgraphConfig } from './subgraph-config';
import { createSubgraphServer } from './subgraph-server';
import { tracerFor } from './tracing/tracing';
import type { SubgraphServerOptions } from './subgraph-server';

type SubgraphParts<C extends BaseContext & { requestId: string }> = Pick<
  SubgraphServerOptions<C>,
  'typeDefs' | 'resolvers' | 'createContext' | 'upgrade'
>;

/** Options of {@link startSubgraphService}. */
export interface SubgraphServiceOptions<C extends BaseContext & { requestId: string }> {
  readonly name: string;
  readonly config: SubgraphConfig;
  readonly log: Logger;
  /**
   * Builds the subgraph on the service's pool, with how to close what it opened (its Prisma
   * client). Work that is not a request (outbox relay, consumers, retention) runs on
   * `background`, a small pool of its own: it never takes a connection a request needs, and the
   * statements counted on `pool` are those of requests only. `metrics` is the service's
   * registry, served at `/metrics`, for what the subgraph counts of its own.
   */
  readonly build: (
    pool: pg.Pool,
    background: pg.Pool,
    metrics: ServiceMetrics,
  ) => Promise<{ subgraph: SubgraphParts<C>; close: () => Promise<void> }>;
}

/**
 * The life of a subgraph service: its own counted pool, its schema, an HTTP server that
 * only answers the gateway (and its upgrades, when the subgraph serves them), `/ready` on the
 * database; stopping closes all of it in order.
 */
export async function startSubgraphService<C extends BaseContext & { requestId: string }>(
  options: SubgraphServiceOptions<C>,
): Promise<RunningService> {
  const { name, config, log, build } = options;
  const statements = { count: 0 };
  const timeouts = config.databaseTimeouts;
  const tracer = tracerFor(name);
  const pool = createServicePool(config.databaseUrl, { counter: statements, tracer, timeouts, log, name: 'requests' });
  // relay, consumers and jobs: a few connections, none counted as a request's statements
  const background = createServicePool(config.databaseUrl, { max: 5, tracer, timeouts, log, name: 'background' });
  const metrics = createServiceMetrics(name);
  observePools(metrics, { requests: pool, background });
  const { subgraph, close } = await build(pool, background, metrics);
  const { server, apollo, upgrades } = await createSubgraphServer({
    ...subgraph,
    signingSecret: config.signingSecret,
    isReady: () => databaseAnswers(pool),
    log,
    metrics,
    metricsAccess: config.metrics,
    tracer,
  });
  return serve({
    name,
    server,
    host: config.host,
    port: config.port,
    statements,
    ...(upgrades ? { closeUpgraded: () => upgrades.close() } : {}),
    release: async () => {
      await apollo.stop();
      await close();
      await Promise.all([endPool(pool, { name: 'requests', log }), endPool(background, { name: 'background', log })]);
    },
  });
}
