import { describe, expect, it } from 'vitest';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { createLanes } from './lanes';

interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}
const gate = (): Gate => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('lanes', () => {
  it('runs the items of one key one after another, in push order', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let most = 0;
    const lanes = createLanes<number>({
      handle: async (n) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(n);
        inFlight -= 1;
      },
    });
    for (let n = 0; n < 20; n++) await lanes.push('a', n);
    await lanes.idle();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(most).toBe(1);
  });

  it('lets other keys go on while one key is held', async () => {
    const held = gate();
    const seen: string[] = [];
    const lanes = createLanes<string>({
      handle: async (item) => {
        if (item === 'a1') await held.opened;
        seen.push(item);
      },
    });
    await lanes.push('a', 'a1');
    await lanes.push('a', 'a2');
    await lanes.push('b', 'b1');
    await lanes.push('b', 'b2');
    await waitFor(() => seen.length === 2, { what: 'the free key' });
    expect(seen).toEqual(['b1', 'b2']);
    held.open();
    await lanes.idle();
    expect(seen).toEqual(['b1', 'b2', 'a1', 'a2']);
  });

  it('runs at most `concurrency` keys at a time', async () => {
    const held = gate();
    let inFlight = 0;
    let most = 0;
    const lanes = createLanes<number>({
      concurrency: 3,
      handle: async () => {
        most = Math.max(most, ++inFlight);
        await held.opened;
        inFlight -= 1;
      },
    });
    for (let n = 0; n < 10; n++) await lanes.push(`key-${n}`, n);
    await waitFor(() => inFlight === 3, { what: 'three keys running' });
    held.open();
    await lanes.idle();
    expect(most).toBe(3);
  });

  it('makes push wait while the read-ahead is full', async () => {
    const held = gate();
    const lanes = createLanes<number>({ readAhead: 2, handle: () => held.opened });
    await lanes.push('a', 1);
    await lanes.push('a', 2);
    let third = false;
    const pushing = lanes.push('a', 3).then(() => (third = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBe(false);
    held.open();
    await pushing;
    expect(third).toBe(true);
  });

  it('finishes the items in hand on stop and hands back the ones never started', async () => {
    const held = gate();
    const done: number[] = [];
    const lanes = createLanes<number>({
      handle: async (n) => {
        await held.opened;
        done.push(n);
      },
    });
    await lanes.push('a', 1);
    await lanes.push('a', 2);
    await new Promise((resolve) => setImmediate(resolve));
    const stopping = lanes.stop();
    held.open();
    expect(await stopping).toEqual([2]);
    expect(done).toEqual([1]);
  });
});
