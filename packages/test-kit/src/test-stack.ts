import { createLogger } from '@shopgraph/service-kit/logger';
import type { Logger } from '@shopgraph/service-kit/logger';
import { startStack } from '@shopgraph/stack/start-stack';
import type { Stack, StackOptions } from '@shopgraph/stack/start-stack';
import { ANY_FREE_PORTS } from '@shopgraph/stack/subgraph-names';
import type { SubgraphName } from '@shopgraph/stack/subgraph-names';
import { createSeededDatabases } from './seeded-databases';
import { createTestBusDatabase } from './test-bus-database';

export interface TestStack {
  /** The gateway's `/graphql` URL. */
  readonly url: string;
  readonly stack: Stack;
  /** Each subgraph's database URL, for tests that look behind the graph. */
  readonly databases: Readonly<Record<SubgraphName, string>>;
  stop(): Promise<void>;
}

/** Every service listens on a free port; nothing from the developer's environment leaks in. */
export const TEST_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  // a test's operations are no client's usage: never in the developer's record, even in development
  USAGE_RECORDING: 'off',
  ...ANY_FREE_PORTS,
  // tests fire requests much faster than any client; the limits have tests of their own
  RATE_LIMIT_IP_BURST: '100000',
  RATE_LIMIT_IP_PER_SECOND: '100000',
  RATE_LIMIT_USER_BURST: '100000',
  RATE_LIMIT_USER_PER_SECOND: '100000',
};

/**
 * The whole supergraph on fresh, seeded databases, the way `npm start` runs it: four
 * subgraph HTTP servers and the gateway, talking real HTTP, sharing one Postgres event bus
 * on a fresh database of its own.
 */
export async function startTestStack(
  env: Readonly<Record<string, string>> = {},
  log: Logger = createLogger('test', 'silent'),
  { deployedSchemas }: Pick<StackOptions, 'deployedSchemas'> = {},
): Promise<TestStack> {
  const [databases, busDatabase] = await Promise.all([createSeededDatabases(), createTestBusDatabase()]);
  const drop = () => Promise.all([databases.drop(), busDatabase.drop()]);
  try {
    const stack = await startStack({
      env: { ...TEST_ENV, ...env },
      databases: databases.urls,
      eventBusDatabase: busDatabase.url,
      log,
      ...(deployedSchemas && { deployedSchemas }),
    });
    return {
      url: stack.gateway.url,
      stack,
      databases: databases.urls,
      stop: async () => {
        await stack.stop();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}
