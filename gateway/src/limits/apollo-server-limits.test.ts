import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskError } from '@shopgraph/service-kit/graphql-errors';
import { hideFieldSuggestions } from './hide-field-suggestions';
import { operationLimits } from './operation-limits';
import { loadApiSchema } from './test-api-schema';

// Wired as gateway-server.ts does in production, on the API schema without subgraphs.
let apollo: ApolloServer;
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await loadApiSchema();
  const { validationRules, parseOptions } = operationLimits();
  apollo = new ApolloServer({ schema, validationRules, parseOptions, formatError: hideFieldSuggestions(maskError) });
  await apollo.start();
});
afterAll(() => apollo.stop());

async function refusal(query: string) {
  const response = await apollo.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { errors = [] } = response.body.singleResult;
  return { status: response.http.status, errors: errors.map(({ message, extensions }) => ({ message, extensions })) };
}

describe('the limits in Apollo Server', () => {
  it('refuses a depth bomb with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const bomb = `{ me { orders { edges { node { ${'payment { order { '.repeat(10)}id${' } }'.repeat(10)} } } } } }`;
    expect(await refusal(bomb)).toEqual({
      status: 400,
      errors: [
        { message: 'Query depth limit of 12 exceeded, found 25.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ],
    });
  });

  it('refuses a huge first with the cost and the limit', async () => {
    expect(await refusal('{ products(first: 1000000) { edges { node { id } } } }')).toEqual({
      status: 400,
      errors: [
        {
          message: 'Operation cost 1000002 exceeds the limit of 10000.',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  });

  it('refuses too many tokens while parsing, with GRAPHQL_PARSE_FAILED', async () => {
    const { status, errors } = await refusal(`{ me { ${'id '.repeat(3_000)}} }`);
    expect(status).toBe(400);
    expect(errors).toEqual([
      { message: expect.stringMatching(/2000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
  });

  it('hides field suggestions when wrapped with hideFieldSuggestions', async () => {
    expect((await refusal('{ me { nmae } }')).errors).toEqual([
      { message: 'Cannot query field "nmae" on type "User".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
  });
});
