import type { Logger } from 'pino';
import type { BusConfig } from './bus-config';
import type { DeadLetterReader, EventBus } from './event-bus';
import { createNatsEventBus } from './nats-event-bus';
import { createPostgresEventBus } from './postgres-event-bus';

/** Options of {@link connectEventBus}. */
export interface ConnectEventBusOptions {
  readonly config: BusConfig;
  readonly logger: Logger;
  /** Shown in the NATS server's connection list, e.g. `orders`. */
  readonly connectionName: string;
}

/**
 * The bus a service's configuration names. A Postgres bus reaches every process on the same
 * bus database: a service alone on its own database (the default) hears only itself.
 */
export async function connectEventBus({
  config,
  logger,
  connectionName,
}: ConnectEventBusOptions): Promise<EventBus & DeadLetterReader> {
  if (config.kind === 'postgres') return createPostgresEventBus({ databaseUrl: config.databaseUrl, logger });
  return createNatsEventBus({ servers: config.servers, ackWait: config.ackWaitMs, logger, connectionName });
}
