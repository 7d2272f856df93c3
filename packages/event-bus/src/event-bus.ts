import type { Logger } from 'pino';
import type { AnyEventContract, EventOf } from '@shopgraph/events/define-event';
import type { EventEnvelope } from '@shopgraph/events/envelope';

/**
 * The port services publish and consume events through. Delivery is at least once: a
 * consumer records the IDs it processed (in its own database) and skips repeats.
 */
export interface EventBus {
  /**
   * Resolves once the broker has stored the event, so an outbox relay marks a row published
   * only after this resolves. Publishing an ID again is accepted and delivered no second time
   * (Postgres: for ever; NATS: within the stream's deduplication window).
   */
  publish(event: EventEnvelope): Promise<void>;
  /**
   * Publishes `events` in their order, as `publish` would one after another, and resolves once
   * the broker stored them all: an outbox relay then marks them published together. On failure
   * some may be stored and some not, and on NATS one lost with a dropped connection may be
   * stored after the ones behind it once published again: publishing them again is safe, as
   * for `publish`.
   */
  publishAll(events: readonly EventEnvelope[]): Promise<void>;
  /**
   * Starts (or resumes) the durable consumer `consumer`: it receives every event of the given
   * contracts published since it was first created. Events of one aggregate (`aggregateId`)
   * arrive one at a time in publish order; different aggregates are handled concurrently, up to
   * the adapter's `concurrency`. A retried event holds back only its own aggregate (on NATS, a
   * redelivery after a process died may come after a later event of its aggregate).
   */
  subscribe<Contract extends AnyEventContract>(options: SubscribeOptions<Contract>): Promise<Subscription>;
  /**
   * Starts a live feed for this process alone (no durable name, nothing acknowledged): every
   * watcher in every process receives each event of the given contracts published after its
   * `watch` resolved, in publish order, at most once. For fan-out to connected clients (live
   * subscriptions), never for work that must happen: that is `subscribe`'s job. A handler that
   * throws is logged and the feed goes on; a watcher that falls behind its broker's limits
   * loses events and says so in the log.
   */
  watch<Contract extends AnyEventContract>(options: WatchOptions<Contract>): Promise<Subscription>;
  /** Stops every subscription (after their current event) and releases the connection. */
  close(): Promise<void>;
}

export interface WatchOptions<Contract extends AnyEventContract> {
  /** The contracts (type and version) the feed carries; other events are skipped silently. */
  readonly events: readonly Contract[];
  readonly handle: (event: EventOf<Contract>) => void | Promise<void>;
}

export interface SubscribeOptions<Contract extends AnyEventContract> {
  /**
   * The durable name (`orders-saga`): letters, digits, `-` and `_`. Its position survives
   * restarts; two services never share one.
   */
  readonly consumer: string;
  /**
   * The contracts (type and version) this consumer reads. Another version of the same type is
   * parked as a dead letter, with a log line, until a release that reads it.
   */
  readonly events: readonly Contract[];
  /** Resolving acknowledges the event; throwing has it redelivered later, then dead-lettered. */
  readonly handle: (event: EventOf<Contract>) => Promise<void>;
  /** Told of redeliveries and dead letters (metrics), the same on every adapter. Default: nothing. */
  readonly observer?: DeliveryObserver;
}

/** What a consumer's deliveries tell metrics. */
export interface DeliveryObserver {
  /** A message reached the consumer again (an earlier delivery failed or was never acknowledged). */
  redelivered(consumer: string): void;
  deadLettered(consumer: string, reason: DeadLetterReason): void;
}

export interface Subscription {
  /** Waits for the event in hand, then stops; what is not acknowledged is redelivered later. */
  stop(): Promise<void>;
}

/** Why an event left the stream for a dead letter instead of reaching its handler. */
export const DEAD_LETTER_REASONS = [
  'handler_failed',
  'unsupported_version',
  'invalid_payload',
  'malformed_envelope',
  'max_deliveries_exceeded',
] as const;

export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

/** An event one consumer gave up on; the others are unaffected. */
export interface DeadLetter {
  /** Names the letter for {@link DeadLetterReader.replayDeadLetter}. */
  readonly id: string;
  readonly consumer: string;
  /** The subject the event was published on (`shop.order.placed`). */
  readonly subject: string;
  readonly reason: DeadLetterReason;
  readonly detail: string;
  readonly deliveries: number;
  /** The message as it was published, byte for byte, for inspection and replay. */
  readonly data: Uint8Array;
}

/** Adapters keep dead letters where an operator can read them; the port itself does not need them. */
export interface DeadLetterReader {
  /** The dead letters not replayed yet, oldest first. */
  deadLetters(): Promise<readonly DeadLetter[]>;
  /**
   * Hands dead letter `id` to its consumer again; it leaves the list, and comes back as a new
   * letter if it fails again. False when no such letter is waiting.
   */
  replayDeadLetter(id: string): Promise<boolean>;
}

/** What both adapters share about delivery; each documents its own extras. */
export interface DeliveryOptions {
  /**
   * Handler attempts before an event is dead-lettered. Default 10: with the default backoff a
   * failing handler is retried for about 5 minutes, so a database outage of that length loses
   * no event to the dead letters, while an event no retry can fix does not hold its consumer
   * for longer (the order's settle deadline then cancels it; the dead letter can be replayed).
   */
  readonly maxDeliveries?: number;
  /**
   * Milliseconds to wait before delivery `n + 1` after delivery `n` failed. Default doubles from
   * 1 second up to 1 minute.
   */
  readonly retryBackoff?: (failedDeliveries: number) => number;
  /** Default: a pino logger named `event-bus`. */
  readonly logger?: Logger;
}
