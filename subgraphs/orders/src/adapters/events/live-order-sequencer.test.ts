import { describe, expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import type { OrderEventLog } from '../../application/ports';
import type { RecordedOrderEvent } from '../../domain/order-event-log';
import { LiveFeedInterruptedError } from './live-order-hub';
import { createLiveOrderSequencer } from './live-order-sequencer';

const row = (sequence: number): RecordedOrderEvent => ({
  id: newId(),
  sequence,
  orderId: newId(),
  customerId: newId(),
  type: 'PLACED',
  occurredAt: new Date(),
});

/** A log of rows 1..n that counts its reads; `failing` makes the next read throw. */
function aLog(rows: readonly RecordedOrderEvent[]) {
  const reads: number[] = [];
  let failing = false;
  const log: Pick<OrderEventLog, 'readAfter'> = {
    async readAfter({ afterSequence, limit }) {
      reads.push(afterSequence);
      if (failing) throw new Error('the log is unreachable');
      return rows.filter((r) => r.sequence > afterSequence).slice(0, limit);
    },
  };
  return { log, reads, fail: () => (failing = true) };
}

function aHub() {
  const published: number[] = [];
  const interruptions: Error[] = [];
  return {
    published,
    interruptions,
    publish: (event: RecordedOrderEvent) => void published.push(event.sequence),
    interrupt: (error: Error) => void interruptions.push(error),
  };
}

describe('the live order sequencer', () => {
  const rows = Array.from({ length: 12 }, (_, i) => row(i + 1));
  const rowOf = (sequence: number): RecordedOrderEvent => {
    const found = rows[sequence - 1];
    if (found === undefined) throw new Error(`the test log has no row ${sequence}`);
    return found;
  };

  it('hands on announcements that follow on at once, without reading the log', () => {
    const { log, reads } = aLog(rows);
    const hub = aHub();
    const sequencer = createLiveOrderSequencer({ log, hub, after: 3 });
    for (const sequence of [4, 5, 6]) sequencer.announce(rowOf(sequence));
    expect(hub.published).toEqual([4, 5, 6]);
    expect(reads).toEqual([]);
  });

  it('puts announcements the bus reordered back in sequence order, and drops the late copy', async () => {
    const { log, reads } = aLog(rows);
    const hub = aHub();
    const sequencer = createLiveOrderSequencer({ log, hub, after: 0 });
    for (const sequence of [1, 3, 2, 4]) sequencer.announce(rowOf(sequence));
    await sequencer.settled();
    sequencer.announce(rowOf(5));
    expect(hub.published).toEqual([1, 2, 3, 4, 5]);
    expect(reads).toEqual([1]);
  });

  it('reads from the log the rows whose announcements the bus lost', async () => {
    const { log } = aLog(rows);
    const hub = aHub();
    const sequencer = createLiveOrderSequencer({ log, hub, after: 2, pageSize: 2 });
    sequencer.announce(rowOf(9));
    await sequencer.settled();
    expect(hub.published).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('hands on nothing at or below where it started, nor twice', async () => {
    const { log } = aLog(rows);
    const hub = aHub();
    const sequencer = createLiveOrderSequencer({ log, hub, after: 5 });
    for (const sequence of [2, 5, 6, 6, 8, 7]) sequencer.announce(rowOf(sequence));
    await sequencer.settled();
    expect(hub.published).toEqual([6, 7, 8]);
  });

  it('holds what comes in while a gap is read, and hands it on after, in order', async () => {
    const { log } = aLog(rows);
    const hub = aHub();
    const sequencer = createLiveOrderSequencer({ log, hub, after: 0 });
    sequencer.announce(rowOf(2)); // 1 is missing: a read starts
    for (const sequence of [3, 6, 4]) sequencer.announce(rowOf(sequence));
    expect(hub.published).toEqual([]);
    await sequencer.settled();
    expect(hub.published).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('ends every stream when a gap cannot be read, then goes on from the announcements', async () => {
    const { log, fail } = aLog(rows);
    const hub = aHub();
    const lost: unknown[] = [];
    const sequencer = createLiveOrderSequencer({ log, hub, after: 0, onGapLost: (error) => lost.push(error) });
    fail();
    sequencer.announce(rowOf(3));
    await sequencer.settled();
    expect(hub.interruptions).toEqual([expect.any(LiveFeedInterruptedError)]);
    expect(lost).toEqual([new Error('the log is unreachable')]);
    sequencer.announce(rowOf(4));
    expect(hub.published).toEqual([3, 4]);
  });
});
