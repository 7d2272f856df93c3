import { expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import type { ContractSession } from '../event-bus-contract';
import { note, noted, record } from './contract-fixtures';

const BACKLOG = 10_200;
const AGGREGATES = 200;

/** Nothing forgotten, however long a consumer was down, and whichever process reads on. */
export function durabilityCases(session: ContractSession): void {
  it('delivers what was published while no consumer ran, and a new bus on the same store resumes after it', async () => {
    const { bus } = session;
    const early = [note(1), note(2)];
    for (const event of early) await bus.publish(event);
    const first = await record(bus, { consumer: 'resuming', events: [noted] });
    await waitFor(() => first.received.length === 2, { what: 'the events published before anyone listened' });
    expect(first.ids()).toEqual(early.map((event) => event.id));
    await first.subscription.stop();
    const later = [note(3), note(4)];
    for (const event of later) await bus.publish(event);
    const restarted = await session.reopen();
    const second = await record(restarted, { consumer: 'resuming', events: [noted] });
    await waitFor(() => second.received.length === 2, { what: 'the events published while it was down' });
    expect(second.ids()).toEqual(later.map((event) => event.id));
  });

  it(`gives a slow consumer every one of ${BACKLOG} events it is behind, each aggregate in order`, async () => {
    const { bus } = session;
    // one event per aggregate in each run of AGGREGATES, so a chunked publish keeps each aggregate's order
    const events = Array.from({ length: BACKLOG }, (_, n) => note(n, `backlog-${n % AGGREGATES}`));
    await session.publishMany(events);
    const byAggregate = new Map<string, number[]>();
    let count = 0;
    await bus.subscribe({
      consumer: 'slow-reader',
      events: [noted],
      handle: async (event) => {
        await new Promise((resolve) => setImmediate(resolve));
        byAggregate.set(event.aggregateId, [...(byAggregate.get(event.aggregateId) ?? []), event.payload.n]);
        count += 1;
      },
    });
    await waitFor(() => count >= BACKLOG, { what: 'the whole backlog', timeout: 240_000, interval: 100 });
    expect(byAggregate.size).toBe(AGGREGATES);
    for (const [aggregate, numbers] of byAggregate) {
      const index = Number(aggregate.slice('backlog-'.length));
      const expected = Array.from({ length: BACKLOG / AGGREGATES }, (_, k) => k * AGGREGATES + index);
      expect(numbers).toEqual(expected);
    }
  }, 300_000);
}
