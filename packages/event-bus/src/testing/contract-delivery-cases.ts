import { expect, it } from 'vitest';
import type { ContractSession } from '../event-bus-contract';
import { note, noted, pinged, record } from './contract-fixtures';
import { waitFor } from '@shopgraph/service-kit/wait-for';

/** The contract when handlers succeed: who gets what, once, in which order, after which restart. */
export function deliveryCases(session: ContractSession): void {
  it('delivers a published event to a subscriber, payload and envelope intact', async () => {
    const { bus } = session;
    const recorder = await record(bus, { consumer: 'reader', events: [noted] });
    const event = note(1);
    await bus.publish(event);
    await waitFor(() => recorder.received.length === 1, { what: 'the event' });
    expect(recorder.received).toEqual([event]);
  });

  it('delivers an event published twice with the same ID once', async () => {
    const { bus } = session;
    const recorder = await record(bus, { consumer: 'reader', events: [noted] });
    const [event, marker] = [note(1), note(2)];
    await bus.publish(event);
    await bus.publish(event);
    await bus.publish(marker);
    // events arrive in publish order, so a second copy would arrive before the marker
    await waitFor(() => recorder.ids().includes(marker.id), { what: 'the marker' });
    expect(recorder.ids()).toEqual([event.id, marker.id]);
  });

  it('delivers the events of one publishAll in their order, an ID published before once', async () => {
    const { bus } = session;
    const recorder = await record(bus, { consumer: 'reader', events: [noted] });
    const [earlier, second, third] = [note(1), note(2), note(3)];
    await bus.publish(earlier);
    await bus.publishAll([earlier, second, third]);
    await waitFor(() => recorder.ids().includes(third.id), { what: 'the last event of the batch' });
    expect(recorder.ids()).toEqual([earlier.id, second.id, third.id]);
  });

  it('gives every event to each consumer name', async () => {
    const { bus } = session;
    const billing = await record(bus, { consumer: 'billing', events: [noted] });
    const shipping = await record(bus, { consumer: 'shipping', events: [noted] });
    const events = [note(1), note(2), note(3)];
    for (const event of events) await bus.publish(event);
    await waitFor(() => billing.received.length === 3 && shipping.received.length === 3, { what: 'both' });
    expect(billing.ids()).toEqual(events.map((event) => event.id));
    expect(shipping.ids()).toEqual(events.map((event) => event.id));
  });

  it('gives a restarted consumer what was published while it was away, and not what it acknowledged', async () => {
    const { bus } = session;
    const first = await record(bus, { consumer: 'durable', events: [noted] });
    const handled = note(1);
    await bus.publish(handled);
    await waitFor(() => first.received.length === 1, { what: 'the first event' });
    await first.subscription.stop();
    const whileAway = [note(2), note(3)];
    for (const event of whileAway) await bus.publish(event);
    const second = await record(bus, { consumer: 'durable', events: [noted] });
    await waitFor(() => second.received.length === 2, { what: 'the events published while away' });
    expect(second.ids()).toEqual(whileAway.map((event) => event.id));
  });

  it('lets a consumer resubscribe with other types and carry on from where it was', async () => {
    const { bus } = session;
    const first = await record(bus, { consumer: 'evolving', events: [noted] });
    const handled = note(1);
    await bus.publish(handled);
    await waitFor(() => first.received.length === 1, { what: 'the first event' });
    await first.subscription.stop();
    // one aggregate, so publish order is delivery order
    const whileAway = [pinged.create({ aggregateId: 'aggregate-1', payload: {} }), note(2)];
    for (const event of whileAway) await bus.publish(event);
    const second = await record(bus, { consumer: 'evolving', events: [noted, pinged] });
    await waitFor(() => second.received.length === 2, { what: 'both types' });
    expect(second.ids()).toEqual(whileAway.map((event) => event.id));
  });

  it('gives a new consumer the events published before it first subscribed', async () => {
    const { bus } = session;
    const earlier = note(1);
    await bus.publish(earlier);
    const latecomer = await record(bus, { consumer: 'latecomer', events: [noted] });
    await waitFor(() => latecomer.received.length === 1, { what: 'the earlier event' });
    expect(latecomer.ids()).toEqual([earlier.id]);
  });

  it('keeps the publish order of each aggregate over 50 events', async () => {
    const { bus } = session;
    const recorder = await record(bus, { consumer: 'ordered', events: [noted] });
    for (let n = 0; n < 50; n++) await bus.publish(note(n, `aggregate-${n % 5}`));
    await waitFor(() => recorder.received.length === 50, { what: '50 events' });
    for (let aggregate = 0; aggregate < 5; aggregate++) {
      const numbers = recorder.received.filter((event) => event.aggregateId === `aggregate-${aggregate}`);
      expect(numbers.map((event) => event.payload.n)).toEqual(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => i * 5 + aggregate),
      );
    }
  });

  it('delivers only the types a consumer subscribed to, all of them', async () => {
    const { bus } = session;
    const both = await record(bus, { consumer: 'both', events: [noted, pinged] });
    const pingsOnly = await record(bus, { consumer: 'pings', events: [pinged] });
    // one aggregate, so publish order is delivery order
    const ping = pinged.create({ aggregateId: 'aggregate-1', payload: {} });
    const [first, last] = [note(1), note(2)];
    for (const event of [first, ping, last]) await bus.publish(event);
    await waitFor(() => both.received.length === 3 && pingsOnly.received.length === 1, { what: 'the events' });
    expect(both.ids()).toEqual([first.id, ping.id, last.id]);
    expect(pingsOnly.ids()).toEqual([ping.id]);
  });
}
