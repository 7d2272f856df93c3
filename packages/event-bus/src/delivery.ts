import { pino } from 'pino';
import type { Logger } from 'pino';
import { createEventRegistry } from '@shopgraph/events/event-registry';
import type { EventRegistry } from '@shopgraph/events/event-registry';
import type { AnyEventContract } from '@shopgraph/events/define-event';
import { backoffDelay } from '@shopgraph/service-kit/backoff';
import { readMessage } from './envelope-codec';
import type { DeadLetterReason, DeliveryObserver, DeliveryOptions, SubscribeOptions } from './event-bus';

/** What the adapter does with a message once the consumer has seen it. */
export type Verdict =
  | { readonly kind: 'acknowledge' }
  | { readonly kind: 'retry'; readonly delay: number }
  | { readonly kind: 'dead-letter'; readonly reason: DeadLetterReason; readonly detail: string };

export interface Delivery {
  readonly subject: string;
  readonly data: Uint8Array;
  /** 1 for the first delivery of this message to this consumer. */
  readonly deliveries: number;
}

/** A subscription's decisions, the same for every adapter; adapters only carry them out. */
export interface PreparedConsumer {
  readonly name: string;
  readonly types: readonly string[];
  readonly maxDeliveries: number;
  readonly logger: Logger;
  deliver(delivery: Delivery): Promise<Verdict>;
}

export type DeliverySettings = Required<DeliveryOptions>;

const defaultRetryBackoff = (failedDeliveries: number): number =>
  backoffDelay({ initialMs: 1_000, maxMs: 60_000 }, failedDeliveries);

export function deliverySettings(options: DeliveryOptions): DeliverySettings {
  const { maxDeliveries = 10, retryBackoff = defaultRetryBackoff, logger = pino({ name: 'event-bus' }) } = options;
  if (!Number.isInteger(maxDeliveries) || maxDeliveries < 1) throw new Error('maxDeliveries must be at least 1.');
  return { maxDeliveries, retryBackoff, logger };
}

// a durable consumer name becomes a NATS durable name and a subject token
const CONSUMER_NAME = /^[A-Za-z0-9_-]+$/;

export function prepareConsumer<Contract extends AnyEventContract>(
  options: SubscribeOptions<Contract>,
  settings: DeliverySettings,
): PreparedConsumer {
  const { consumer: name, events, handle, observer = UNOBSERVED } = options;
  if (!CONSUMER_NAME.test(name)) throw new Error(`Consumer name "${name}" may hold only letters, digits, - and _.`);
  if (events.length === 0) throw new Error(`Consumer "${name}" subscribes to no event.`);
  const registry: EventRegistry<Contract> = createEventRegistry(events);
  const logger = settings.logger.child({ consumer: name });
  const context: ConsumerContext<Contract> = { name, registry, handle, settings, logger, observer };
  return {
    name,
    types: registry.types,
    maxDeliveries: settings.maxDeliveries,
    logger,
    deliver: (delivery) => deliver(context, delivery),
  };
}

const UNOBSERVED: DeliveryObserver = { redelivered: () => {}, deadLettered: () => {} };

interface ConsumerContext<Contract extends AnyEventContract> {
  readonly name: string;
  readonly observer: DeliveryObserver;
  readonly registry: EventRegistry<Contract>;
  readonly handle: SubscribeOptions<Contract>['handle'];
  readonly settings: DeliverySettings;
  readonly logger: Logger;
}

async function deliver<Contract extends AnyEventContract>(
  context: ConsumerContext<Contract>,
  delivery: Delivery,
): Promise<Verdict> {
  const { name, registry, handle, settings, logger, observer } = context;
  const { subject, data, deliveries } = delivery;
  if (deliveries > 1) observer.redelivered(name);
  const deadLetter = (reason: DeadLetterReason, detail: string) => {
    observer.deadLettered(name, reason);
    return giveUp(logger, delivery, { reason, detail });
  };
  if (deliveries > settings.maxDeliveries) {
    // the previous attempt died half-way, or its dead letter could not be stored
    return deadLetter('max_deliveries_exceeded', `delivered ${deliveries} times without an outcome`);
  }
  const read = readMessage(registry, data);
  if (read.kind === 'unreadable') return deadLetter(read.reason, read.detail);
  // an envelope of a type this consumer does not read, on a subject of one it does, is skipped
  if (read.kind === 'other_type') return { kind: 'acknowledge' };
  try {
    await handle(read.event);
    return { kind: 'acknowledge' };
  } catch (error) {
    if (deliveries >= settings.maxDeliveries) return deadLetter('handler_failed', String(error));
    const delay = settings.retryBackoff(deliveries);
    logger.warn({ err: error, subject, eventId: read.event.id, deliveries, delay }, 'handler failed, will retry');
    return { kind: 'retry', delay };
  }
}

// one line per dead letter, so that a parked event is never silent
function giveUp(logger: Logger, delivery: Delivery, verdict: { reason: DeadLetterReason; detail: string }): Verdict {
  const { reason, detail } = verdict;
  const message = reason === 'unsupported_version' ? 'event parked: version not readable' : 'event dead-lettered';
  logger.error({ subject: delivery.subject, deliveries: delivery.deliveries, reason, detail }, message);
  return { kind: 'dead-letter', reason, detail };
}
