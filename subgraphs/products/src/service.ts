import { PrismaPg } from '@prisma/adapter-pg';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import type { Logger } from '@shopgraph/service-kit/logger';
import { serve } from '@shopgraph/service-kit/running-service';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { createSubgraphServer } from '@shopgraph/service-kit/subgraph-server';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PrismaProductRepository } from './adapters/prisma/prisma-product-repository';
import type { ProductsConfig } from './config';
import { createProductsSubgraph } from './subgraph';

/** Connects the products service to its database and starts its HTTP server. */
export async function startProductsService(config: ProductsConfig, log: Logger): Promise<RunningService> {
  const statements = { count: 0 };
  const pool = createServicePool(config.databaseUrl, {
    counter: statements,
    onIdleError: (error) => log.warn({ err: error }, 'idle database connection lost'),
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const subgraph = createProductsSubgraph({
    products: new PrismaProductRepository(prisma),
    clock: { now: () => new Date() },
  });
  const { server, apollo } = await createSubgraphServer({
    ...subgraph,
    signingSecret: config.signingSecret,
    isReady: async () => (await pool.query('select 1')).rowCount === 1,
    log,
  });
  return serve({
    name: 'products',
    server,
    host: config.host,
    port: config.port,
    statements,
    release: async () => {
      await apollo.stop();
      await prisma.$disconnect();
      await pool.end();
    },
  });
}
