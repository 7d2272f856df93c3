import { pino } from 'pino';
import { createPostgresEventBus } from '@shopgraph/event-bus/postgres-event-bus';
import type { PostgresEventBus, PostgresEventBusOptions } from '@shopgraph/event-bus/postgres-event-bus';
import { createTestBusDatabase } from './test-bus-database';

/** A Postgres event bus on a database of its own; `close()` also drops that database. */
export type TestEventBus = PostgresEventBus & { readonly databaseUrl: string };

/**
 * The bus tests use where `npm start` would share its Postgres bus: a fresh database in the
 * test cluster, quiet logs, and short polls (outcomes are awaited, never timed).
 */
export async function createTestEventBus(
  options: Partial<Omit<PostgresEventBusOptions, 'databaseUrl'>> = {},
): Promise<TestEventBus> {
  const database = await createTestBusDatabase();
  try {
    const bus = await createPostgresEventBus({
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 50,
      lockRetryMs: 100,
      ...options,
      databaseUrl: database.url,
    });
    return {
      ...bus,
      databaseUrl: database.url,
      close: async () => {
        await bus.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
