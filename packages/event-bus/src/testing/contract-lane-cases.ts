import { expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import type { ContractSession } from '../event-bus-contract';
import { note, noted } from './contract-fixtures';

interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}
const gate = (): Gate => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

/** Per-aggregate lanes: one aggregate in order, the others never held up by it. */
export function laneCases(session: ContractSession): void {
  it('keeps one aggregate in publish order while a handler held on it holds up no other aggregate', async () => {
    const { bus } = session;
    const held = gate();
    const seen: string[] = [];
    await bus.subscribe({
      consumer: 'lanes',
      events: [noted],
      handle: async (event) => {
        if (event.aggregateId === 'held' && event.payload.n === 0) await held.opened;
        seen.push(`${event.aggregateId}:${event.payload.n}`);
      },
    });
    for (let n = 0; n < 3; n++) await bus.publish(note(n, 'held'));
    for (let n = 0; n < 5; n++) await bus.publish(note(n, 'free'));
    await waitFor(() => seen.length === 5, { what: 'the free aggregate' });
    expect(seen).toEqual(['free:0', 'free:1', 'free:2', 'free:3', 'free:4']);
    held.open();
    await waitFor(() => seen.length === 8, { what: 'the held aggregate' });
    expect(seen.filter((item) => item.startsWith('held'))).toEqual(['held:0', 'held:1', 'held:2']);
  });

  it('retries and dead-letters a failing event of one aggregate while other aggregates go on', async () => {
    const { bus, maxDeliveries } = session;
    const firstFailure = gate();
    const poison = note(0, 'sick');
    const behind = note(1, 'sick');
    const attempts: string[] = [];
    const healthy: number[] = [];
    await bus.subscribe({
      consumer: 'sick-and-well',
      events: [noted],
      handle: async (event) => {
        if (event.aggregateId === 'well') return void healthy.push(event.payload.n);
        attempts.push(event.id);
        if (event.id !== poison.id) return;
        await firstFailure.opened;
        throw new Error('poison, on purpose');
      },
    });
    await bus.publish(poison);
    await bus.publish(behind);
    for (let n = 0; n < 5; n++) await bus.publish(note(n, 'well'));
    await waitFor(() => healthy.length === 5, { what: 'the healthy aggregate, while the poison is in hand' });
    expect(attempts).toEqual([poison.id]);
    firstFailure.open();
    await waitFor(() => attempts.includes(behind.id), { what: 'the event behind the poison' });
    expect(attempts).toEqual([...Array<string>(maxDeliveries).fill(poison.id), behind.id]);
    expect(await bus.deadLetters()).toMatchObject([{ consumer: 'sick-and-well', reason: 'handler_failed' }]);
  });

  it('replays a dead letter on request, and it is then handled and leaves the list', async () => {
    const { bus } = session;
    const poison = note(1);
    let refusing = true;
    const handled: string[] = [];
    await bus.subscribe({
      consumer: 'replayer',
      events: [noted],
      handle: async (event) => {
        if (refusing && event.id === poison.id) throw new Error('not yet');
        handled.push(event.id);
      },
    });
    await bus.publish(poison);
    await waitFor(async () => (await bus.deadLetters()).length === 1, { what: 'the dead letter' });
    const [letter] = await bus.deadLetters();
    refusing = false;
    expect(await bus.replayDeadLetter(letter?.id ?? '')).toBe(true);
    await waitFor(() => handled.includes(poison.id), { what: 'the replayed event' });
    await waitFor(async () => (await bus.deadLetters()).length === 0, { what: 'the letter to leave the list' });
    expect(handled).toEqual([poison.id]);
    expect(await bus.replayDeadLetter(letter?.id ?? '')).toBe(false);
  });
}
