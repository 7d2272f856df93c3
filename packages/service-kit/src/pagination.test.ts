import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parseAfter, parseFirst } from './pagination';

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
