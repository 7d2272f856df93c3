import { PrismaPg } from '@prisma/adapter-pg';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { startSubgraphService } from '@shopgraph/service-kit/start-subgraph-service';
import { PrismaClient } from './adapters/prisma/generated/client';
import { PrismaUserRepository } from './adapters/prisma/prisma-user-repository';
import { JoseTokenIssuer } from './adapters/security/jose-token-issuer';
import { ScryptPasswordHasher } from './adapters/security/scrypt-password-hasher';
import type { UsersConfig } from './config';
import { createUsersSubgraph } from './subgraph';

/** Connects the users service to its database and starts its HTTP server. */
export function startUsersService(config: UsersConfig, log: Logger): Promise<RunningService> {
  return startSubgraphService({
    name: 'users',
    config,
    log,
    build: async (pool) => {
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      const subgraph = await createUsersSubgraph({
        users: new PrismaUserRepository(prisma),
        hasher: new ScryptPasswordHasher(),
        tokens: new JoseTokenIssuer(config.jwt),
        clock: { now: () => new Date() },
      });
      return { subgraph, close: () => prisma.$disconnect() };
    },
  });
}
