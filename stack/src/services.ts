import type { DocumentNode } from 'graphql';
import type { MessagingDeps } from '@shopgraph/outbox/start-messaging';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { loadOrdersConfig } from '@shopgraph/orders/config';
import { seedOrders } from '@shopgraph/orders/seed';
import { startOrdersService } from '@shopgraph/orders/service';
import { loadPaymentsConfig } from '@shopgraph/payments/config';
import { seedPayments } from '@shopgraph/payments/seed';
import { startPaymentsService } from '@shopgraph/payments/service';
import { loadProductsConfig } from '@shopgraph/products/config';
import { seedProducts } from '@shopgraph/products/seed';
import { startProductsService } from '@shopgraph/products/service';
import { loadUsersConfig } from '@shopgraph/users/config';
import { seedUsers } from '@shopgraph/users/seed';
import { startUsersService } from '@shopgraph/users/service';
import type { SubgraphName } from './subgraph-names';

type Env = Record<string, string | undefined>;

/** What the stack hands a subgraph's start besides its environment. */
export interface ServiceDeps extends MessagingDeps {
  /** SDL to serve in place of the subgraph's `schema.graphql` (only payments takes one so far). */
  readonly typeDefs?: DocumentNode | undefined;
}

/** How the stack boots one subgraph: the same config, start and seed its own main.ts uses. */
export interface SubgraphModule {
  start(env: Env, log: Logger, deps: ServiceDeps): Promise<RunningService & { readonly warnings: readonly string[] }>;
  seed(databaseUrl: string): Promise<number>;
}

function module<C extends { readonly warnings: readonly string[] }>(
  load: (env: Env) => C,
  start: (config: C, log: Logger, deps: ServiceDeps) => Promise<RunningService>,
  seed: (databaseUrl: string) => Promise<number>,
): SubgraphModule {
  return {
    start: async (env, log, deps) => {
      const config = load(env);
      return { ...(await start(config, log, deps)), warnings: config.warnings };
    },
    seed,
  };
}

export const SUBGRAPH_MODULES: Readonly<Record<SubgraphName, SubgraphModule>> = {
  users: module(loadUsersConfig, startUsersService, seedUsers),
  products: module(loadProductsConfig, startProductsService, seedProducts),
  orders: module(loadOrdersConfig, startOrdersService, seedOrders),
  payments: module(loadPaymentsConfig, startPaymentsService, seedPayments),
};
