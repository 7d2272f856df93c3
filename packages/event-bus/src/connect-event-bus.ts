import type { Logger } from 'pino';
import type { BusConfig } from './bus-config';
import type { EventBus } from './event-bus';
import { createInProcessEventBus } from './in-process-event-bus';
import { createNatsEventBus } from './nats-event-bus';

/** Options of {@link connectEventBus}. */
export interface ConnectEventBusOptions {
  readonly config: BusConfig;
  readonly logger: Logger;
  /** Shown in the NATS server's connection list, e.g. `orders`. */
  readonly connectionName: string;
}

/**
 * The bus a service's configuration names. An in-process bus reaches only the consumers of
 * this process: a service running alone needs `EVENT_BUS=nats` to take part in the saga.
 */
export async function connectEventBus({ config, logger, connectionName }: ConnectEventBusOptions): Promise<EventBus> {
  if (config.kind === 'in-process') return createInProcessEventBus({ logger });
  return createNatsEventBus({ servers: config.servers, ackWait: config.ackWaitMs, logger, connectionName });
}
