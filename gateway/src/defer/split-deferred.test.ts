import { parse, print, validate } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadApiSchema } from '../limits/test-api-schema';
import { withDeferDirective } from './defer-directive';
import { splitDeferred } from './split-deferred';

const normalised = (source: string) => print(parse(source));

describe('splitting a query at its @defer fragments', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = withDeferDirective(await loadApiSchema());
  });
  const split = (source: string, variables: Record<string, unknown> = {}) =>
    splitDeferred(schema, parse(source), { operationName: undefined, variables });

  it('answers the order without its payment first, and the payment by a follow-up rooted at the same order', () => {
    const parts = split(`query Page($id: ID!, $first: Int) {
      me { orders(first: $first) { totalCount } }
      order(id: $id) { status ... @defer(label: "pay") { payment { status } } }
    }`);
    expect(parts && print(parts.primary)).toBe(
      normalised(`query Page($id: ID!, $first: Int) {
        me { orders(first: $first) { totalCount } }
        order(id: $id) { status __deferKey: id }
      }`),
    );
    expect(parts?.deferred.map((part) => ({ ...part, document: print(part.document) }))).toEqual([
      {
        label: 'pay',
        path: ['order'],
        document: normalised('query Page($id: ID!) { order(id: $id) { __deferKey: id ... { payment { status } } } }'),
      },
    ]);
    const documents = parts ? [parts.primary, ...parts.deferred.map((part) => part.document)] : [];
    expect(documents.map((document) => validate(schema, document))).toEqual([[], []]);
  });

  it('keeps a deferred named fragment with the definitions it uses', () => {
    const parts = split(`query ($id: ID!) { order(id: $id) { id ...Paid @defer } }
      fragment Paid on Order { payment { ...Status } }
      fragment Status on Payment { status }`);
    expect(parts && print(parts.primary)).toBe(normalised('query ($id: ID!) { order(id: $id) { id __deferKey: id } }'));
    expect(parts?.deferred.map((part) => print(part.document))).toEqual([
      normalised(`query ($id: ID!) { order(id: $id) { __deferKey: id ...Paid } }
        fragment Paid on Order { payment { ...Status } }
        fragment Status on Payment { status }`),
    ]);
  });

  it.each([
    ['inside a list', '{ me { orders { edges { node { id ... @defer { payment { status } } } } } } }'],
    ['on an object without an id', '{ products { pageInfo { endCursor ... @defer { hasNextPage } } } }'],
    ['at the root', '{ me { id } ... @defer { products { totalCount } } }'],
    [
      'turned off by its `if`',
      'query ($id: ID!, $no: Boolean!) { order(id: $id) { id ... @defer(if: $no) { status } } }',
    ],
    ['in a mutation', 'mutation { logIn(email: "a", password: "b") { token ... @defer { token } } }'],
  ])('leaves a @defer %s to the primary part (nothing to split)', (_where, source) => {
    expect(split(source, { id: 'o', no: false })).toBeUndefined();
  });
});
