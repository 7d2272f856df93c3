import { getIntrospectionQuery, parse } from 'graphql';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { operationLimits } from './operation-limits';
import { loadApiSchema } from './test-api-schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await loadApiSchema();
});

const limits = operationLimits();
const FIRST_PARTY = `query {
  me { orders(first: 20) { edges { node {
    customer { name } items { product { name } } payment { status }
  } } } }
}`;

/** `{ me { orders { edges { node { payment { order { payment … id` with `depth` field levels. */
function nested(depth: number): string {
  const hops = Math.max(0, depth - 5);
  const chain = Array.from({ length: hops }, (_, hop) => (hop % 2 === 0 ? 'payment' : 'order'));
  const leaf = hops % 2 === 0 ? 'id' : 'status';
  return `{ me { orders { edges { node { ${chain.join(' { ')} { ${leaf} }${' }'.repeat(hops)} } } } }`;
}

function refusals(source: string): readonly GraphQLError[] {
  const check = limits.checkOperation(schema, source);
  return check.ok ? [] : check.errors;
}

const messages = (errors: readonly GraphQLError[]) => errors.map(({ message }) => message);

describe('operationLimits with the defaults', () => {
  it('lets the first-party orders page through', () => {
    expect(refusals(FIRST_PARTY)).toEqual([]);
  });

  it('lets the introspection query through (Sandbox, in development)', () => {
    expect(refusals(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
  });

  it('allows 12 levels of fields and refuses a depth bomb', () => {
    expect(refusals(nested(12))).toEqual([]);
    expect(messages(refusals(nested(13)))).toEqual(['Query depth limit of 12 exceeded, found 13.']);
    expect(messages(refusals(nested(40)))).toEqual(['Query depth limit of 12 exceeded, found 40.']);
  });

  it('counts depth in fields: fragments add no level', () => {
    const viaFragments = `{ me { ...Orders } }
      fragment Orders on User { orders { edges { node { ...Paid } } } }
      fragment Paid on Order { payment { order { payment { order { payment { order { customer { id } } } } } } } }`;
    expect(refusals(viaFragments)).toEqual([]);
  });

  it('refuses 1,000 aliases, by their count and (sent as text) by the token limit', () => {
    const aliases = Array.from({ length: 1_000 }, (_, index) => `a${index}: me { id }`).join(' ');
    const document = parse(`{ ${aliases} }`);
    expect(messages(limits.validateOperation(schema, document))).toEqual(['Aliases limit of 15 exceeded, found 1000.']);
    expect(messages(refusals(`{ ${aliases} }`))).toEqual([
      'Syntax Error: Document contains more that 2000 tokens. Parsing aborted.',
    ]);
  });

  it('refuses a document of 3,000 tokens before validating it', () => {
    const wide = `{ me { ${'id '.repeat(2_994)}} }`;
    const [error, ...others] = refusals(wide);
    expect(others).toEqual([]);
    expect(error?.message).toMatch(/more that 2000 tokens/);
    expect(error?.extensions['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses 50 directives', () => {
    const directives = '__typename @skip(if: false) '.repeat(50);
    expect(messages(refusals(`{ me { ${directives} } }`))).toEqual(['Directives limit of 10 exceeded, found 50.']);
  });

  it('refuses a huge first, naming the cost and the limit', () => {
    expect(messages(refusals('{ products(first: 100000) { edges { node { id } } } }'))).toEqual([
      'Operation cost 100002 exceeds the limit of 10000.',
    ]);
  });

  it('lets a full page of 100 through, but not a page of 100 inside each of 100 items', () => {
    const page = 'orders(first: 100) { edges { node { id items { product { name } } } } }';
    expect(refusals(`{ products(first: 100) { edges { node { id price { amount } } } } }`)).toEqual([]);
    expect(refusals(`{ me { ${page} } }`)).toEqual([]);
    const pageOfPages = `{ me { orders(first: 100) { edges { node { customer { ${page} } } } } } }`;
    expect(messages(refusals(pageOfPages))).toEqual(['Operation cost 220403 exceeds the limit of 10000.']);
  });

  it('counts fields reached through fragments toward the cost', () => {
    const source = `{ me { orders(first: 100) { ...Page } } }
      fragment Page on OrderConnection { edges { node { customer { orders(first: 100) { ...Ids } } } } }
      fragment Ids on OrderConnection { edges { node { id } } }`;
    expect(messages(refusals(source))).toEqual(['Operation cost 10403 exceeds the limit of 10000.']);
  });

  it("gives every refusal, graphql's own included, the code GRAPHQL_VALIDATION_FAILED as Apollo Server does", () => {
    const errors = refusals(`{ me { nmae } ${nested(13).slice(1, -1)} products(first: 100000) { totalCount } }`);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.map(({ extensions }) => extensions['code'])).toEqual(errors.map(() => 'GRAPHQL_VALIDATION_FAILED'));
  });
});

describe('operationLimits with settings', () => {
  it('applies each configured limit instead of the default', () => {
    const strict = operationLimits({ maxDepth: 4, maxCost: 100, maxTokens: 20 });
    const check = (source: string) => {
      const result = strict.checkOperation(schema, source);
      return result.ok ? [] : messages(result.errors);
    };
    expect(check('{ me { orders { edges { cursor } } } }')).toEqual([]);
    expect(check('{ me { orders { edges { node { id } } } } }')).toEqual(['Query depth limit of 4 exceeded, found 5.']);
    expect(check('{ products(first: 99) { edges { node { id } } } }')).toEqual([
      'Operation cost 101 exceeds the limit of 100.',
    ]);
    expect(check(`{ me { ${'id '.repeat(20)}} }`)[0]).toMatch(/more that 20 tokens/);
  });

  it('exposes the same rules for Apollo Server as it applies itself', () => {
    expect(limits.parseOptions).toEqual({ maxTokens: 2_000 });
    expect(limits.validationRules).toHaveLength(4);
  });
});
