import { loadSubgraphConfig } from '@shopgraph/service-kit/subgraph-config';
import type { SubgraphConfig } from '@shopgraph/service-kit/subgraph-config';

export type PaymentsConfig = SubgraphConfig;

/** Reads PAYMENTS_HOST, PAYMENTS_PORT (4004), PAYMENTS_DATABASE_URL and PAYMENTS_SIGNING_SECRET once. */
export const loadPaymentsConfig = (env: Readonly<Record<string, string | undefined>>): PaymentsConfig =>
  loadSubgraphConfig({ prefix: 'PAYMENTS', defaultPort: 4004 }, env);
