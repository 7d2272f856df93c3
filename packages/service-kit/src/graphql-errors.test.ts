import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { conflict } from './app-error';
import { DATABASE_UNREACHABLE_MESSAGE, INTERNAL_MESSAGE, maskError } from './graphql-errors';

const format = (error: GraphQLError) => maskError(error.toJSON(), error);

describe('error masking', () => {
  it('shows a use case refusal with its public code and message', () => {
    const error = new GraphQLError('taken', { originalError: conflict('An account with this email already exists.') });
    expect(format(error)).toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('hides an unexpected failure behind a generic message, with no stack or SQL', () => {
    const error = new GraphQLError('relation "users" does not exist at db-host:5432', {
      originalError: new Error('relation "users" does not exist'),
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
    });
    const formatted = format(error);
    expect(formatted).toEqual({ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('masks an error whose code is not one of the public codes', () => {
    expect(format(new GraphQLError('boom', { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } }))).toMatchObject({
      message: INTERNAL_MESSAGE,
    });
  });

  it.each(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'PERSISTED_QUERY_NOT_FOUND', 'BAD_REQUEST'])(
    'keeps the standard code %s of a refused request, with its message',
    (code) => {
      const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code } });
      expect(format(error)).toEqual({
        message: 'Cannot query field "nope" on type "Query".',
        extensions: { code },
      });
    },
  );

  it('says SUBGRAPH_UNAVAILABLE, without host or port, when the database could not be reached at all', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' });
    const formatted = format(new GraphQLError('connect ECONNREFUSED 10.1.2.3:5432', { originalError: refused }));
    expect(formatted).toEqual({ message: DATABASE_UNREACHABLE_MESSAGE, extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
  });

  it('masks a connection lost in the middle of the work: it may have committed', () => {
    const lost = new GraphQLError('Connection terminated unexpectedly', {
      originalError: new Error('Connection terminated unexpectedly'),
    });
    expect(format(lost)).toEqual({ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it("lets the gateway's OUTCOME_UNKNOWN through with its message", () => {
    const unknown = new GraphQLError('may or may not have been applied', { extensions: { code: 'OUTCOME_UNKNOWN' } });
    expect(format(unknown)).toMatchObject({ extensions: { code: 'OUTCOME_UNKNOWN' } });
  });
});
