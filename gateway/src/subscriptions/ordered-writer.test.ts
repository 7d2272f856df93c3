import { describe, expect, it } from 'vitest';
import { createOrderedWriter, settled, settling } from './ordered-writer';
import type { Outcome } from './ordered-writer';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recorder() {
  const written: string[] = [];
  const ends: (Outcome<string> | undefined)[] = [];
  let backlog = 0;
  const writer = createOrderedWriter<string, number>({
    write: (value, meta) => written.push(`${value}#${meta}`),
    onEnd: (failure) => ends.push(failure),
    backlog: { add: (bytes) => (backlog += bytes), remove: (bytes) => (backlog -= bytes) },
  });
  return { writer, written, ends, backlog: () => backlog };
}

describe('createOrderedWriter', () => {
  it('writes a known value in the same turn it is pushed', () => {
    const { writer, written, backlog } = recorder();
    writer.push(settled('a'), 1, 10);
    expect(written).toEqual(['a#1']);
    expect(backlog()).toBe(0);
  });

  it('holds a value that completed early until those ahead of it are known, then writes in order', async () => {
    const { writer, written, backlog } = recorder();
    const first = deferred<string>();
    const second = deferred<string>();
    writer.push(settling(first.promise), 1, 10);
    writer.push(settling(second.promise), 2, 20);
    writer.push(settled('c'), 3, 30);
    second.resolve('b');
    await turn();
    expect(written).toEqual([]);
    expect(backlog()).toBe(60);
    first.resolve('a');
    await turn();
    expect(written).toEqual(['a#1', 'b#2', 'c#3']);
    expect(backlog()).toBe(0);
  });

  it('ends after the last value once ended, and reports it once', async () => {
    const { writer, written, ends } = recorder();
    const pending = deferred<string>();
    writer.push(settling(pending.promise), 1, 1);
    writer.end();
    writer.end();
    writer.push(settled('late'), 2, 1);
    expect(ends).toEqual([]);
    pending.resolve('a');
    await turn();
    expect(written).toEqual(['a#1']);
    expect(ends).toEqual([undefined]);
    expect(writer.ended).toBe(true);
  });

  it('ends at the first value that failed, with its error, and writes nothing after it', async () => {
    const { writer, written, ends, backlog } = recorder();
    const failing = deferred<string>();
    writer.push(settled('a'), 1, 1);
    writer.push(settling(failing.promise), 2, 1);
    writer.push(settled('c'), 3, 1);
    failing.reject(new Error('subgraph down'));
    await turn();
    expect(written).toEqual(['a#1']);
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ ok: false, error: new Error('subgraph down') });
    expect(backlog()).toBe(0);
  });

  it('drops what waits when stopped, without reporting an end', async () => {
    const { writer, written, ends, backlog } = recorder();
    const pending = deferred<string>();
    writer.push(settling(pending.promise), 1, 5);
    writer.stop();
    pending.resolve('a');
    await turn();
    expect(written).toEqual([]);
    expect(ends).toEqual([]);
    expect(backlog()).toBe(0);
  });

  it('stops at once when a write stops it, even with known values queued behind', async () => {
    const written: string[] = [];
    const pending = deferred<string>();
    const writer = createOrderedWriter<string, undefined>({
      write: (value) => {
        written.push(value);
        writer.stop();
      },
      onEnd: () => undefined,
    });
    writer.push(settling(pending.promise), undefined, 1);
    writer.push(settled('b'), undefined, 1);
    pending.resolve('a');
    await turn();
    expect(written).toEqual(['a']);
  });

  it('shares one settling value among writers, each writing it once', async () => {
    const shared = deferred<string>();
    const value = settling(shared.promise);
    const writers = Array.from({ length: 3 }, () => recorder());
    for (const { writer } of writers) writer.push(value, 0, 1);
    shared.resolve('x');
    await turn();
    expect(writers.map(({ written }) => written)).toEqual([['x#0'], ['x#0'], ['x#0']]);
  });
});
