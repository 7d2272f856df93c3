import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { eventBusContract } from './event-bus-contract';
import { createInProcessEventBus } from './in-process-event-bus';
import { note, noted, record } from './testing/contract-fixtures';
import { waitFor } from '@shopgraph/service-kit/wait-for';

eventBusContract(
  'in-process adapter',
  async (options) => {
    const bus = createInProcessEventBus(options);
    return { bus, teardown: () => bus.close() };
  },
  { skipRawMessages: 'only publish writes to the in-process bus, and it refuses what is not an event' },
);

const quiet = pino({ level: 'silent' });

describe('in-process event bus', () => {
  it('never runs a handler inside the publisher’s call stack', async () => {
    const bus = createInProcessEventBus({ logger: quiet });
    const recorder = await record(bus, { consumer: 'reader', events: [noted] });
    const publishing = bus.publish(note(1));
    expect(recorder.attempts).toEqual([]);
    await publishing;
    await waitFor(() => recorder.received.length === 1, { what: 'the event' });
    await bus.close();
  });

  it('forgets an event ID once the deduplication window has passed, as the NATS stream does', async () => {
    let now = 0;
    const bus = createInProcessEventBus({ logger: quiet, duplicateWindow: 1_000, now: () => now });
    const recorder = await record(bus, { consumer: 'reader', events: [noted] });
    const event = note(1);
    await bus.publish(event);
    now = 1_000;
    await bus.publish(event);
    await waitFor(() => recorder.received.length === 2, { what: 'the second copy' });
    expect(recorder.ids()).toEqual([event.id, event.id]);
    await bus.close();
  });

  it('lets a consumer that fell behind the retention limit go on from the oldest event kept', async () => {
    const bus = createInProcessEventBus({ logger: quiet, retain: 2 });
    const events = [note(1), note(2), note(3)];
    for (const event of events) await bus.publish(event);
    const recorder = await record(bus, { consumer: 'late', events: [noted] });
    await waitFor(() => recorder.received.length === 2, { what: 'the retained events' });
    expect(recorder.ids()).toEqual([events[1]?.id, events[2]?.id]);
    await bus.close();
  });

  it('refuses to publish or subscribe once closed', async () => {
    const bus = createInProcessEventBus({ logger: quiet });
    await bus.close();
    await expect(bus.publish(note(1))).rejects.toThrow(/closed/);
    await expect(record(bus, { consumer: 'reader', events: [noted] })).rejects.toThrow(/closed/);
  });
});
