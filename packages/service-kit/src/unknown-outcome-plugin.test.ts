import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { maskError } from './graphql-errors';
import { OUTCOME_UNKNOWN_MESSAGE, unknownOutcomePlugin } from './unknown-outcome-plugin';

const lost = () => new Error('Connection terminated unexpectedly');
const refused = () => Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' });
const bug = () => new Error('undefined is not a function');

const server = new ApolloServer({
  typeDefs: 'type Query { read: Int } type Mutation { lose: Int, refuse: Int, crash: Int }',
  resolvers: {
    Query: { read: () => Promise.reject(lost()) },
    Mutation: {
      lose: () => Promise.reject(lost()),
      refuse: () => Promise.reject(refused()),
      crash: () => Promise.reject(bug()),
    },
  },
  formatError: maskError,
  plugins: [unknownOutcomePlugin()],
});

async function errorOf(query: string) {
  const { body } = await server.executeOperation({ query });
  if (body.kind !== 'single') throw new Error('expected a single result');
  return body.singleResult.errors?.[0];
}

describe('the outcome of a subgraph request whose database connection failed', () => {
  it('is OUTCOME_UNKNOWN for a mutation that lost its connection mid-work: it may have committed', async () => {
    expect(await errorOf('mutation { lose }')).toMatchObject({
      message: OUTCOME_UNKNOWN_MESSAGE,
      extensions: { code: 'OUTCOME_UNKNOWN' },
    });
  });

  it('stays SUBGRAPH_UNAVAILABLE for a mutation that never reached its database', async () => {
    expect((await errorOf('mutation { refuse }'))?.extensions?.['code']).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('stays INTERNAL_SERVER_ERROR for a query that lost its connection: nothing was changed', async () => {
    expect((await errorOf('{ read }'))?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
  });

  it('stays INTERNAL_SERVER_ERROR for a mutation that failed for any other reason', async () => {
    expect((await errorOf('mutation { crash }'))?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
  });
});
