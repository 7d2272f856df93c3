import { expect, it } from 'vitest';
import type { ContractSession } from '../event-bus-contract';
import { note, noted, notedV2, pinged, record, watchRecord } from './contract-fixtures';
import { waitFor } from '@shopgraph/service-kit/wait-for';

/** The contract of `watch`: a live, at-most-once feed for every watcher, in publish order. */
export function watchCases(session: ContractSession): void {
  it('gives every watcher each event published after it started, in publish order', async () => {
    const { bus } = session;
    const first = await watchRecord(bus, { events: [noted] });
    const second = await watchRecord(bus, { events: [noted] });
    const events = Array.from({ length: 20 }, (_, n) => note(n));
    for (const event of events) await bus.publish(event);
    await waitFor(() => first.received.length === 20 && second.received.length === 20, { what: 'both watchers' });
    expect(first.received).toEqual(events);
    expect(second.received).toEqual(events);
  });

  it('gives a watcher a publishAll of several aggregates in the batch order', async () => {
    // orders' live subscriptions skip an event whose log sequence is below one they sent, so a
    // batch stored out of its order (aggregates side by side, decision 0052) loses events
    const { bus } = session;
    const watcher = await watchRecord(bus, { events: [noted] });
    const batch = [1, 2, 3, 4, 5, 6].map((n) => note(n, `aggregate-${Math.ceil(n / 2)}`));
    await bus.publishAll(batch);
    await waitFor(() => watcher.received.length === batch.length, { what: 'the whole batch' });
    expect(watcher.ids()).toEqual(batch.map((event) => event.id));
  });

  it('does not give a watcher the events published before its watch resolved', async () => {
    const { bus } = session;
    const earlier = note(1);
    await bus.publish(earlier);
    const watcher = await watchRecord(bus, { events: [noted] });
    const later = note(2);
    await bus.publish(later);
    await waitFor(() => watcher.ids().includes(later.id), { what: 'the later event' });
    expect(watcher.ids()).toEqual([later.id]);
  });

  it('delivers an event published twice with the same ID once', async () => {
    const { bus } = session;
    const watcher = await watchRecord(bus, { events: [noted] });
    const [event, marker] = [note(1), note(2)];
    await bus.publish(event);
    await bus.publish(event);
    await bus.publish(marker);
    // in publish order, a second copy would arrive before the marker
    await waitFor(() => watcher.ids().includes(marker.id), { what: 'the marker' });
    expect(watcher.ids()).toEqual([event.id, marker.id]);
  });

  it('logs a handler that throws and goes on with the next event', async () => {
    const { bus } = session;
    const [failing, next] = [note(1), note(2)];
    const watcher = await watchRecord(bus, { events: [noted], failWhen: (event) => event.id === failing.id });
    await bus.publish(failing);
    await bus.publish(next);
    await waitFor(() => watcher.received.length === 1, { what: 'the event after the failing one' });
    // once: a watch never retries
    expect(watcher.attempts).toEqual([failing.id, next.id]);
    expect(session.logLines()).toContainEqual(
      expect.objectContaining({ eventId: failing.id, msg: 'watch handler failed', level: 50 }),
    );
  });

  it('skips the types it does not carry silently, and a version it cannot read with a log line', async () => {
    const { bus } = session;
    const watcher = await watchRecord(bus, { events: [noted] });
    const ping = pinged.create({ aggregateId: 'a', payload: {} });
    const newer = notedV2.create({ aggregateId: 'a', payload: { n: 'two' } });
    const next = note(3);
    for (const event of [ping, newer, next]) await bus.publish(event);
    await waitFor(() => watcher.received.length === 1, { what: 'the readable event' });
    expect(watcher.attempts).toEqual([next.id]);
    const skipped = session.logLines().filter((line) => line['msg'] === 'watch skipped an unreadable event');
    expect(skipped).toEqual([expect.objectContaining({ reason: 'unsupported_version', level: 40 })]);
  });

  it('carries every type it watches, in publish order', async () => {
    const { bus } = session;
    const watcher = await watchRecord(bus, { events: [noted, pinged] });
    const events = [note(1), pinged.create({ aggregateId: 'a', payload: {} }), note(2)];
    for (const event of events) await bus.publish(event);
    await waitFor(() => watcher.received.length === 3, { what: 'the three events' });
    expect(watcher.ids()).toEqual(events.map((event) => event.id));
  });

  it('delivers nothing more once stopped, while other watchers go on', async () => {
    const { bus } = session;
    const stopping = await watchRecord(bus, { events: [noted] });
    const going = await watchRecord(bus, { events: [noted] });
    const before = note(1);
    await bus.publish(before);
    await waitFor(() => stopping.received.length === 1, { what: 'the first event' });
    await stopping.subscription.stop();
    const after = note(2);
    await bus.publish(after);
    // the other watcher has it, so a stopped watcher that still received it would have it too
    await waitFor(() => going.received.length === 2, { what: 'the other watcher' });
    expect(stopping.ids()).toEqual([before.id]);
  });

  it('takes nothing from the durable consumers', async () => {
    const { bus } = session;
    const watcher = await watchRecord(bus, { events: [noted] });
    const consumer = await record(bus, { consumer: 'durable', events: [noted] });
    const event = note(1);
    await bus.publish(event);
    await waitFor(() => watcher.received.length === 1 && consumer.received.length === 1, { what: 'both' });
    expect(consumer.ids()).toEqual([event.id]);
  });
}
