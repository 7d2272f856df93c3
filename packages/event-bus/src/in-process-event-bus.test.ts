import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { eventBusContract } from './event-bus-contract';
import { createInProcessEventBus } from './in-process-event-bus';
import { captureLogger } from './testing/capture-logger';
import { note, noted, record, watchRecord } from './testing/contract-fixtures';
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

  it('refuses to publish, subscribe or watch once closed', async () => {
    const bus = createInProcessEventBus({ logger: quiet });
    await bus.close();
    await expect(bus.publish(note(1))).rejects.toThrow(/closed/);
    await expect(record(bus, { consumer: 'reader', events: [noted] })).rejects.toThrow(/closed/);
    await expect(watchRecord(bus, { events: [noted] })).rejects.toThrow(/closed/);
  });

  it('lets a slow watcher hold up neither publish nor the other watchers, and keeps its order', async () => {
    const bus = createInProcessEventBus({ logger: quiet });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: number[] = [];
    await bus.watch({
      events: [noted],
      handle: async (event) => {
        await held;
        slow.push(event.payload.n);
      },
    });
    const fast = await watchRecord(bus, { events: [noted] });
    for (let n = 0; n < 5; n++) await bus.publish(note(n));
    await waitFor(() => fast.received.length === 5, { what: 'the fast watcher' });
    expect(slow).toEqual([]);
    release();
    await waitFor(() => slow.length === 5, { what: 'the slow watcher' });
    expect(slow).toEqual([0, 1, 2, 3, 4]);
    await bus.close();
  });

  it('drops the oldest events of a watcher past its backlog, with one warning', async () => {
    const { logger, lines } = captureLogger();
    const bus = createInProcessEventBus({ logger, watchBacklog: 2 });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const seen: number[] = [];
    await bus.watch({
      events: [noted],
      handle: async (event) => {
        seen.push(event.payload.n);
        await held;
      },
    });
    await bus.publish(note(0));
    await waitFor(() => seen.length === 1, { what: 'the first event in hand' });
    for (let n = 1; n <= 5; n++) await bus.publish(note(n));
    release();
    await waitFor(() => seen.length === 3, { what: 'the events kept' });
    expect(seen).toEqual([0, 4, 5]);
    const warnings = lines.filter((line) => line['level'] === 40).map((line) => line['msg']);
    expect(warnings).toEqual([
      'watcher fell behind, dropping its oldest events',
      'watcher caught up after losing events',
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ dropped: 3 }));
    await bus.close();
  });
});
