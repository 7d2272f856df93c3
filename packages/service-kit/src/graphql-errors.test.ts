import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { conflict } from './app-error';
import { INTERNAL_MESSAGE, maskError } from './graphql-errors';

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

  it('reports a document the schema refuses as bad user input', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(format(error)).toMatchObject({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
