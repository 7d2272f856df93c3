import type { Pool } from 'pg';
import type { SubscribeOptions } from '@shopgraph/event-bus/event-bus';
import type { AnyEventContract } from '@shopgraph/events/define-event';
import { createEventRegistry } from '@shopgraph/events/event-registry';
import type { EventEnvelope } from '@shopgraph/events/envelope';
import { rowToEnvelope } from '@shopgraph/outbox/outbox-rows';
import type { OutboxRow } from '@shopgraph/outbox/outbox-rows';
import type { SeededRandom } from './seeded-random';

/** A consumer as the harness drives it: a delivery for each event it reads, none for the others. */
export interface ShuffledConsumer {
  readonly name: string;
  deliveryOf(event: EventEnvelope): (() => Promise<void>) | undefined;
}

/** Adapts a bus subscription (what a service hands to `subscribe`) to the harness. */
export function shuffledConsumer<Contract extends AnyEventContract>(
  options: SubscribeOptions<Contract>,
): ShuffledConsumer {
  const registry = createEventRegistry(options.events);
  return {
    name: options.consumer,
    deliveryOf: (envelope) => {
      const read = registry.decode(envelope);
      return read.ok ? () => options.handle(read.event) : undefined;
    },
  };
}

/** Options of {@link ShuffledDelivery}. */
export interface ShuffledDeliveryOptions {
  /** The services' databases: their outboxes are the events to deliver. */
  readonly outboxes: readonly Pool[];
  readonly consumers: readonly ShuffledConsumer[];
  readonly random: SeededRandom;
  /** Share of events delivered twice. Default `0.3`. */
  readonly duplicateRate?: number;
  /** Share of deliveries held back for a few rounds. Default `0.3`. */
  readonly delayRate?: number;
  /** Deliveries per consumer per round, run concurrently. Default `4`. */
  readonly perRound?: number;
}

interface Pending {
  readonly label: string;
  readonly deliver: () => Promise<void>;
  heldFor: number;
}

/** A delivery that threw, as the bus would have retried it. */
export interface FailedDelivery {
  readonly consumer: string;
  readonly label: string;
  readonly error: unknown;
}

/**
 * A stand-in for the bus that is as unkind as an at-least-once bus may be (decision 0021): it
 * drains the outboxes (marking rows published, as a relay does) and hands each consumer its
 * events in a random order, some twice, some held back for a few rounds, several at once. A
 * delivery that throws is queued again, as a redelivery, and remembered in `failures`.
 */
export class ShuffledDelivery {
  readonly failures: FailedDelivery[] = [];
  private readonly queues = new Map<string, Pending[]>();
  private readonly options: Required<ShuffledDeliveryOptions>;

  constructor(options: ShuffledDeliveryOptions) {
    this.options = { duplicateRate: 0.3, delayRate: 0.3, perRound: 4, ...options };
    for (const consumer of options.consumers) this.queues.set(consumer.name, []);
  }

  /**
   * Delivers until every outbox is drained and every queue empty, `settle` included (work the
   * services do off the consumer path, such as charges); `beforeRound` lets a test act meanwhile.
   */
  async run(hooks: { settle: () => Promise<void>; beforeRound?: (round: number) => Promise<void> }): Promise<number> {
    for (let round = 0; round < 10_000; round += 1) {
      await hooks.beforeRound?.(round);
      await this.drain();
      if (this.waiting() === 0) {
        await hooks.settle();
        if ((await this.drain()) === 0 && this.waiting() === 0) return round;
      }
      await Promise.all(this.options.consumers.map((consumer) => this.deliverSome(consumer.name)));
    }
    throw new Error('The saga did not settle within 10 000 delivery rounds.');
  }

  private waiting(): number {
    return [...this.queues.values()].reduce((sum, queue) => sum + queue.length, 0);
  }

  private async drain(): Promise<number> {
    let drained = 0;
    for (const pool of this.options.outboxes) {
      const { rows } = await pool.query<OutboxRow>(
        `update outbox set published_at = now() where published_at is null
         returning sequence, id, aggregate_id, type, version, occurred_at, payload`,
      );
      const events = rows.map(rowToEnvelope).flatMap((read) => (read.ok ? [read.envelope] : []));
      events.forEach((event) => this.enqueue(event));
      drained += rows.length;
    }
    return drained;
  }

  private enqueue(event: EventEnvelope): void {
    const { random, duplicateRate } = this.options;
    for (const consumer of this.options.consumers) {
      const deliver = consumer.deliveryOf(event);
      if (!deliver) continue;
      const copies = random.next() < duplicateRate ? 2 : 1;
      for (let copy = 0; copy < copies; copy += 1)
        this.hold({ label: `${event.type} ${event.aggregateId}`, deliver }, consumer.name);
    }
  }

  private hold(delivery: Omit<Pending, 'heldFor'>, consumer: string): void {
    const { random, delayRate } = this.options;
    const heldFor = random.next() < delayRate ? 1 + random.below(5) : 0;
    this.queues.get(consumer)?.push({ ...delivery, heldFor });
  }

  private async deliverSome(consumer: string): Promise<void> {
    const queue = this.queues.get(consumer) ?? [];
    const picked: Pending[] = [];
    for (const pending of queue) if (pending.heldFor > 0) pending.heldFor -= 1;
    for (let n = 0; n < this.options.perRound; n += 1) {
      const ready = queue.filter((pending) => pending.heldFor === 0);
      const chosen = ready[this.options.random.below(ready.length)];
      if (!chosen) break;
      queue.splice(queue.indexOf(chosen), 1);
      picked.push(chosen);
    }
    await Promise.all(
      picked.map(async (pending) => {
        try {
          await pending.deliver();
        } catch (error) {
          this.failures.push({ consumer, label: pending.label, error });
          this.hold(pending, consumer);
        }
      }),
    );
  }
}
