import { Kind, parse } from 'graphql';
import type { FragmentDefinitionNode, GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { operationCost } from './operation-cost';
import { loadApiSchema } from './test-api-schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await loadApiSchema();
});

/** The cost of the first operation of `source`, with the default list sizes. */
function costOf(source: string): number {
  const document = parse(source);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation in the test document');
  const fragments = document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  const fragment = (name: string) => fragments.find((definition) => definition.name.value === name);
  return operationCost(operation, { schema, fragment, defaultListSize: 20, variableListSize: 100 });
}

describe('operationCost', () => {
  it('counts each object once per appearance in the response, lists multiplied by their size', () => {
    const cost = costOf(`{
      me { orders(first: 20) { edges { node {
        customer { name } items { product { name } } payment { status }
      } } } }
    }`);
    // me + orders + edges + 20 × (node + customer + items + 20 × product + payment)
    expect(cost).toBe(3 + 20 * (1 + 1 + (1 + 20) + 1));
  });

  it("counts a connection's first once, at its edges, not again at the connection", () => {
    expect(costOf('{ me { orders(first: 50) { edges { node { id } } pageInfo { hasNextPage } } } }')).toBe(
      1 + 1 + (1 + 50) + 1,
    );
  });

  it('counts scalars, enums and __typename as free', () => {
    expect(costOf('{ products(first: 10) { totalCount edges { cursor node { id name __typename } } } }')).toBe(
      1 + 1 + 10,
    );
  });

  it('takes the default page size when neither first nor last is given', () => {
    expect(costOf('{ products { edges { node { id } } } }')).toBe(1 + 1 + 20);
  });

  it('counts a backward page by its last, literal or variable', () => {
    expect(costOf('{ products(last: 40) { edges { node { id } } } }')).toBe(1 + 1 + 40);
    expect(costOf('query ($n: Int) { products(last: $n) { edges { node { id } } } }')).toBe(1 + 1 + 100);
  });

  it('counts a variable first as the largest page, since its value is not known yet', () => {
    expect(costOf('query ($n: Int = 5) { products(first: $n) { edges { node { id } } } }')).toBe(1 + 1 + 100);
  });

  it('counts a list without first (Order.items) at the default list size', () => {
    expect(costOf('{ order(id: "1") { items { product { id } } } }')).toBe(1 + 1 + 20);
  });

  it('counts fragments and inline fragments as if their fields were written in place', () => {
    const cost = costOf(`
      { products(first: 5) { ...Page } }
      fragment Page on ProductConnection { edges { ... on ProductEdge { node { ...Priced } } } }
      fragment Priced on Product { price { amount } }
    `);
    expect(cost).toBe(1 + (1 + 5 * (1 + 1)));
  });

  it('stops at a fragment cycle (graphql refuses it) instead of looping', () => {
    const cost = costOf(`
      { me { ...A } }
      fragment A on User { orders { ...B } }
      fragment B on OrderConnection { edges { node { customer { ...A } } } }
    `);
    expect(cost).toBe(1 + 1 + (1 + 20 * (1 + 1)));
  });

  it('computes fragments that double at every level without walking each copy', () => {
    const levels = Array.from(
      { length: 40 },
      (_, level) => `fragment F${level + 1} on Query { ...F${level} ...F${level} }`,
    );
    const started = performance.now();
    const cost = costOf(`{ ...F40 } fragment F0 on Query { me { id } } ${levels.join(' ')}`);
    expect(cost).toBe(2 ** 40);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
