import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { acceptsIncrementalDelivery, incrementalItem, takeKeys } from './incremental-parts';
import type { DeferredPart } from './split-deferred';

const part: DeferredPart = { label: 'pay', path: ['order'], document: parse('{ __typename }') };

describe('incremental parts', () => {
  it('takes the added keys out of the primary answer, undefined where it has no object', () => {
    const data = { order: { status: 'PLACED', __deferKey: 'o1' } };
    expect(takeKeys(data, [part, { ...part, path: ['missing'] }])).toEqual(['o1', undefined]);
    expect(data).toEqual({ order: { status: 'PLACED' } });
  });

  it("sends the follow-up's fields under the primary's path when it read the same object", () => {
    const result = { data: { order: { __deferKey: 'o1', payment: { status: 'CAPTURED' } } } };
    expect(incrementalItem('o1', part, result)).toEqual({
      data: { payment: { status: 'CAPTURED' } },
      path: ['order'],
      label: 'pay',
    });
  });

  it('never sends the fields of another object: an error instead', () => {
    const result = { data: { order: { __deferKey: 'o2', payment: { status: 'CAPTURED' } } } };
    expect(incrementalItem('o1', part, result)).toMatchObject({
      data: null,
      path: ['order'],
      errors: [{ extensions: { code: 'DEFERRED_OBJECT_CHANGED' } }],
    });
  });

  it('sends nothing for a fragment whose object the primary part does not have', () => {
    expect(incrementalItem(undefined, part, { data: { order: null } })).toBeUndefined();
  });

  it.each([
    ['multipart/mixed;deferSpec=20220824,application/json', true],
    ['multipart/mixed; deferSpec="20220824"', true],
    ['multipart/mixed;subscriptionSpec="1.0",application/json', false],
    ['application/json', false],
  ])('reads Accept %s as asking for incremental delivery: %s', (accept, expected) => {
    expect(acceptsIncrementalDelivery({ accept })).toBe(expected);
  });
});
