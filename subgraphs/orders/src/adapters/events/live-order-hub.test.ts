import { describe, expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import type { RecordedOrderEvent } from '../../domain/order-event-log';
import { LiveFeedInterruptedError, LiveFeedOverflowError, createLiveOrderHub } from './live-order-hub';

const customerId = newId();
let sequence = 0;
const anEvent = (overrides: Partial<RecordedOrderEvent> = {}): RecordedOrderEvent => ({
  id: newId(),
  sequence: ++sequence,
  orderId: newId(),
  customerId,
  type: 'PLACED',
  occurredAt: new Date(),
  ...overrides,
});

describe('the live order hub', () => {
  it('hands each stream the events of its scope only, in publish order', async () => {
    const hub = createLiveOrderHub();
    const mine = hub.open({ kind: 'customer', customerId });
    const all = hub.open({ kind: 'all' });
    const [a, other, b] = [anEvent(), anEvent({ customerId: newId() }), anEvent()];
    for (const event of [a, other, b]) hub.publish(event);
    expect([await mine.next(), await mine.next()]).toEqual([a, b]);
    expect([await all.next(), await all.next(), await all.next()]).toEqual([a, other, b]);
  });

  it('ends a stream that falls too far behind with an error, frees its queue, and keeps feeding the others', async () => {
    const hub = createLiveOrderHub({ maxQueued: 2 });
    const slow = hub.open({ kind: 'all' });
    const fast = hub.open({ kind: 'all' });
    const events = [anEvent(), anEvent(), anEvent()];
    for (const event of events) {
      hub.publish(event);
      await fast.next();
    }
    await expect(slow.next()).rejects.toBeInstanceOf(LiveFeedOverflowError);
    expect(hub.size).toBe(1);
    const next = anEvent();
    hub.publish(next);
    expect(await fast.next()).toEqual(next);
  });

  it('ends a waiting reader as soon as its stream is closed', async () => {
    const hub = createLiveOrderHub();
    const stream = hub.open({ kind: 'all' });
    const waiting = stream.next();
    stream.close();
    expect(await waiting).toBeUndefined();
    expect(hub.size).toBe(0);
  });

  it('ends every stream with the interruption once its reader has taken what was queued', async () => {
    const hub = createLiveOrderHub();
    const behind = hub.open({ kind: 'all' });
    const waiting = hub.open({ kind: 'all' });
    const queued = anEvent();
    hub.publish(queued);
    hub.publish(anEvent());
    await waiting.next();
    await waiting.next();
    const stillWaiting = waiting.next().catch((error: unknown) => error);
    const interruption = new LiveFeedInterruptedError();
    hub.interrupt(interruption);
    expect(await stillWaiting).toBe(interruption);
    expect(await behind.next()).toEqual(queued);
    await behind.next();
    await expect(behind.next()).rejects.toBe(interruption);
    expect(hub.size).toBe(0);
  });
});
