import { z } from 'zod';
import { defineEvent } from '@shopgraph/events/define-event';
import type { AnyEventContract, EventOf } from '@shopgraph/events/define-event';
import type { EventBus, Subscription } from '../event-bus';

/** Test events of the contract suite: no service's events, so no domain leaks in. */
export const noted = defineEvent({ type: 'test.noted', version: 1, payload: z.object({ n: z.number().int() }) });
export const notedV2 = defineEvent({ type: 'test.noted', version: 2, payload: z.object({ n: z.string() }) });
export const pinged = defineEvent({ type: 'test.pinged', version: 1, payload: z.object({}) });

export const note = (n: number, aggregateId = 'aggregate-1') => noted.create({ aggregateId, payload: { n } });

export interface Recorder<Contract extends AnyEventContract> {
  readonly received: EventOf<Contract>[];
  /** Handler calls, failed ones included. */
  readonly attempts: string[];
  /** What the delivery observer was told: `redelivered`, `dead-lettered:<reason>`. */
  readonly observed: string[];
  readonly subscription: Subscription;
  ids(): string[];
}

export interface RecordOptions<Contract extends AnyEventContract> {
  readonly consumer: string;
  readonly events: readonly Contract[];
  /** Makes the handler throw for this event (every time, or while it returns true). */
  readonly failWhen?: (event: EventOf<Contract>) => boolean;
}

/** Subscribes a handler that records what it receives. */
export async function record<Contract extends AnyEventContract>(
  bus: EventBus,
  options: RecordOptions<Contract>,
): Promise<Recorder<Contract>> {
  const { consumer, events, failWhen = () => false } = options;
  const received: EventOf<Contract>[] = [];
  const attempts: string[] = [];
  const observed: string[] = [];
  const subscription = await bus.subscribe({
    consumer,
    events,
    observer: {
      redelivered: () => observed.push('redelivered'),
      deadLettered: (_consumer, reason) => observed.push(`dead-lettered:${reason}`),
    },
    handle: async (event) => {
      attempts.push(event.id);
      if (failWhen(event)) throw new Error(`refusing ${event.id} on purpose`);
      received.push(event);
    },
  });
  return { received, attempts, observed, subscription, ids: () => received.map((event) => event.id) };
}

export type WatchRecordOptions<Contract extends AnyEventContract> = Omit<RecordOptions<Contract>, 'consumer'>;

/** Watches with a handler that records what it receives; a failing handler throws synchronously. */
export async function watchRecord<Contract extends AnyEventContract>(
  bus: EventBus,
  options: WatchRecordOptions<Contract>,
): Promise<Recorder<Contract>> {
  const { events, failWhen = () => false } = options;
  const received: EventOf<Contract>[] = [];
  const attempts: string[] = [];
  const subscription = await bus.watch({
    events,
    handle: (event) => {
      attempts.push(event.id);
      if (failWhen(event)) throw new Error(`refusing ${event.id} on purpose`);
      received.push(event);
    },
  });
  return { received, attempts, observed: [], subscription, ids: () => received.map((event) => event.id) };
}
