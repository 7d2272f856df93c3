import { expect, it } from 'vitest';
import type { ContractSession } from '../event-bus-contract';
import { note, noted, notedV2, record } from './contract-fixtures';
import { waitFor } from '@shopgraph/service-kit/wait-for';

/** The contract when things go wrong: failing handlers, unreadable and malformed events. */
export function failureCases(session: ContractSession, skipRawMessages: string | undefined): void {
  const { maxDeliveries } = session;
  it('redelivers an event whose handler failed twice, and keeps the later events of its aggregate waiting', async () => {
    const { bus } = session;
    const flaky = note(1);
    let failures = 0;
    const recorder = await record(bus, {
      consumer: 'flaky',
      events: [noted],
      failWhen: (event) => event.id === flaky.id && ++failures <= 2,
    });
    const next = note(2);
    await bus.publish(flaky);
    await bus.publish(next);
    await waitFor(() => recorder.received.length === 2, { what: 'both events' });
    expect(recorder.attempts).toEqual([flaky.id, flaky.id, flaky.id, next.id]);
    expect(recorder.ids()).toEqual([flaky.id, next.id]);
    expect(recorder.observed).toEqual(['redelivered', 'redelivered']);
    expect(await bus.deadLetters()).toEqual([]);
  });

  it('dead-letters an event after maxDeliveries failed attempts, and the later events of its aggregate still flow', async () => {
    const { bus } = session;
    const poison = note(1);
    const recorder = await record(bus, { consumer: 'strict', events: [noted], failWhen: (e) => e.id === poison.id });
    const next = note(2);
    await bus.publish(poison);
    await bus.publish(next);
    await waitFor(() => recorder.received.length === 1, { what: 'the event behind the poison' });
    expect(recorder.attempts).toEqual([...Array<string>(maxDeliveries).fill(poison.id), next.id]);
    const [letter, ...others] = await bus.deadLetters();
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ consumer: 'strict', subject: expect.stringMatching(/\.test\.noted$/) });
    expect(letter?.reason).toBe('handler_failed');
    expect(letter?.deliveries).toBe(maxDeliveries);
    const redeliveries = Array<string>(maxDeliveries - 1).fill('redelivered');
    expect(recorder.observed).toEqual([...redeliveries, 'dead-lettered:handler_failed']);
    expect(JSON.parse(new TextDecoder().decode(letter?.data))).toEqual(poison);
  });

  it('parks a version the consumer cannot read, with a log line, and carries on', async () => {
    const { bus } = session;
    const recorder = await record(bus, { consumer: 'v1-reader', events: [noted] });
    const newer = notedV2.create({ aggregateId: 'a', payload: { n: 'two' } });
    const next = note(3);
    await bus.publish(newer);
    await bus.publish(next);
    await waitFor(() => recorder.received.length === 1, { what: 'the readable event' });
    // another aggregate: its dead letter may be stored after the readable event was handled
    await waitFor(async () => (await bus.deadLetters()).length === 1, { what: 'the parked event' });
    expect(recorder.attempts).toEqual([next.id]);
    expect(await bus.deadLetters()).toMatchObject([{ consumer: 'v1-reader', reason: 'unsupported_version' }]);
    expect(session.logLines()).toContainEqual(
      expect.objectContaining({ consumer: 'v1-reader', msg: expect.stringContaining('parked'), level: 50 }),
    );
  });

  it('dead-letters a payload that breaks its contract instead of calling the handler', async () => {
    const { bus } = session;
    const recorder = await record(bus, { consumer: 'checker', events: [noted] });
    const broken = { ...note(1), payload: { n: 'one' } };
    const next = note(2);
    await bus.publish(broken);
    await bus.publish(next);
    await waitFor(() => recorder.received.length === 1, { what: 'the valid event' });
    expect(recorder.attempts).toEqual([next.id]);
    expect(await bus.deadLetters()).toMatchObject([
      { reason: 'invalid_payload', detail: expect.stringContaining('n') },
    ]);
  });

  it('hands the handler the fields its contract knows and drops the others', async () => {
    const { bus } = session;
    const recorder = await record(bus, { consumer: 'reader', events: [noted] });
    const event = note(1);
    await bus.publish({ ...event, payload: { n: 1, addedByANewerProducer: true } });
    await waitFor(() => recorder.received.length === 1, { what: 'the event' });
    expect(recorder.received[0]?.payload).toEqual({ n: 1 });
  });

  it('refuses to publish an envelope that is not valid', async () => {
    const { bus } = session;
    await expect(bus.publish({ ...note(1), id: 'not-a-uuid' })).rejects.toThrow();
    await expect(bus.publish({ ...note(1), occurredAt: '2025-01-01T01:00:00+01:00' })).rejects.toThrow();
  });

  it('refuses a second live subscription under one consumer name', async () => {
    const { bus } = session;
    await record(bus, { consumer: 'single', events: [noted] });
    await expect(record(bus, { consumer: 'single', events: [noted] })).rejects.toThrow(/already subscribed/);
  });

  const survives = 'survives a message that is not an event, and dead-letters it';
  it.skipIf(skipRawMessages)(skipRawMessages ? `${survives} (skipped: ${skipRawMessages})` : survives, async () => {
    const { bus, publishRaw } = session;
    if (!publishRaw) throw new Error('The harness offers no publishRaw; pass skipRawMessages instead.');
    const recorder = await record(bus, { consumer: 'sturdy', events: [noted] });
    await publishRaw('test.noted', new TextEncoder().encode('{"this is": not json'));
    await publishRaw('test.noted', new Uint8Array([0xff, 0xfe, 0x00]));
    const next = note(1);
    await bus.publish(next);
    await waitFor(() => recorder.received.length === 1, { what: 'the event behind the garbage' });
    // garbage has no aggregate, so a lane of its own: wait for both letters, not for an order
    await waitFor(async () => (await bus.deadLetters()).length === 2, { what: 'both dead letters' });
    expect((await bus.deadLetters()).map((letter) => letter.reason)).toEqual([
      'malformed_envelope',
      'malformed_envelope',
    ]);
  });

  const unread = 'acknowledges a message of a type it does not subscribe to without reading it';
  it.skipIf(skipRawMessages)(skipRawMessages ? `${unread} (skipped: ${skipRawMessages})` : unread, async () => {
    const { bus, publishRaw } = session;
    if (!publishRaw) throw new Error('The harness offers no publishRaw; pass skipRawMessages instead.');
    const recorder = await record(bus, { consumer: 'selective', events: [noted] });
    await publishRaw('test.other', new TextEncoder().encode('not for this consumer, and not an event'));
    const next = note(1);
    await bus.publish(next);
    await waitFor(() => recorder.received.length === 1, { what: 'the event behind the other type' });
    expect(await bus.deadLetters()).toEqual([]);
  });
}
