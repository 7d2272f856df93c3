import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageOfList, parseAfter, parseFirst, parsePageArgs } from './pagination';

describe('pagination arguments', () => {
  it.each([0, -1, 101, 1.5])('refuses first = %s', (first) =>
    expect(() => parseFirst(first)).toThrow(/between 1 and 100/),
  );

  it.each([1, 100])('accepts first = %s', (first) => expect(parseFirst(first)).toBe(first));

  it('reads back the cursors it hands out', () => {
    const cursor = { createdAt: new Date('2026-11-22T10:00:00.123Z'), id: '6f1c3a52-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('reads no cursor as none, and an ID in upper case as the database spells it', () => {
    expect(parseAfter(undefined)).toBeUndefined();
    expect(parseAfter(null)).toBeUndefined();
    const createdAt = new Date('2026-11-22T10:00:00.123Z');
    const after = encodeCursor({ createdAt, id: '6F1C3A52-0000-4000-8000-00000000000A' });
    expect(parseAfter(after)).toEqual({ createdAt, id: '6f1c3a52-0000-4000-8000-00000000000a' });
  });

  it.each([
    '',
    'not-base64!',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["nope","x"]').toString('base64url'),
  ])('refuses the malformed cursor %j', (raw) => expect(() => decodeCursor(raw)).toThrow(/not a cursor/));
});

describe('Relay arguments, both directions', () => {
  const cursor = encodeCursor({
    createdAt: new Date('2026-11-22T10:00:00.000Z'),
    id: '6f1c3a52-0000-4000-8000-000000000001',
  });

  it('reads first/after forward (20 without either) and last/before backward', () => {
    expect(parsePageArgs({})).toEqual({ size: 20, backward: false, cursor: undefined });
    expect(parsePageArgs({ last: 5, before: cursor })).toMatchObject({
      size: 5,
      backward: true,
      cursor: { id: expect.any(String) },
    });
    expect(parsePageArgs({ before: cursor })).toMatchObject({ size: 20, backward: true });
  });

  it.each([
    [{ first: 5, last: 5 }, /not both/],
    [{ first: 5, before: cursor }, /not both ways/],
    [{ last: 5, after: cursor }, /not both ways/],
    [{ last: 0 }, /last must be between 1 and 100/],
    [{ last: -3 }, /last must be between 1 and 100/],
    [{ last: 101 }, /last must be between 1 and 100/],
    [{ last: 2, before: 'garbage' }, /before is not a cursor/],
  ])('refuses %j', (args, message) => expect(() => parsePageArgs(args)).toThrow(message));

  it('pages a list back from its oldest end, telling what lies either way', () => {
    const at = (second: number) => ({
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
      id: `6f1c3a52-0000-4000-8000-00000000000${second}`,
    });
    const all = [5, 4, 3, 2, 1].map(at);
    const oldest = pageOfList(all, { size: 2, backward: true, cursor: undefined });
    expect(oldest).toEqual({ items: all.slice(3), hasNextPage: false, hasPreviousPage: true, totalCount: 5 });
    const previous = pageOfList(all, { size: 2, backward: true, cursor: all[3] });
    expect(previous).toEqual({ items: all.slice(1, 3), hasNextPage: true, hasPreviousPage: true, totalCount: 5 });
  });
});
