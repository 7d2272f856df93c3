import type { GraphQLFormattedError } from 'graphql';
import { isAppError } from './app-error';
import type { AppErrorKind } from './app-error';
import { isDatabaseUnreachable } from './database/database-unreachable';

/** The codes of API.md whose messages are written for clients. */
export const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SUBGRAPH_UNAVAILABLE',
  // the gateway's: a mutation was sent, and no answer came back (README, "Errors")
  'OUTCOME_UNKNOWN',
]);

const CODE_OF_KIND: Record<AppErrorKind, string> = {
  invalid: 'BAD_USER_INPUT',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
};

// Refusals produced by GraphQL itself and Apollo Server (syntax, validation, APQ, CSRF): their
// messages describe the client's document, never our internals. They keep their standard
// codes, which client libraries act on (Apollo's APQ link retries on PERSISTED_QUERY_NOT_FOUND).
export const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const INTERNAL_MESSAGE = 'Internal server error';

/** What a client reads when a service could not reach its database: no host, no SQL. */
export const DATABASE_UNREACHABLE_MESSAGE =
  'The service cannot reach its database right now; nothing was done. Try again shortly.';

// GraphQL wraps what a resolver threw (sometimes twice); the refusal is the innermost error.
// Checked by shape: Apollo may load another copy of graphql-js than ours (CJS vs ESM).
function innermost(error: unknown): unknown {
  let current = error;
  while (typeof current === 'object' && current !== null && 'originalError' in current && current.originalError) {
    current = current.originalError;
  }
  return current;
}

/** The public code an error may be shown with, or undefined when it must be masked. */
export function publicCodeOf(formatted: GraphQLFormattedError, error: unknown): string | undefined {
  const original = innermost(error);
  if (isAppError(original)) return CODE_OF_KIND[original.kind];
  // no connection was made, so no statement ran: safe to say "nothing was done"
  if (isDatabaseUnreachable(error)) return 'SUBGRAPH_UNAVAILABLE';
  const code = formatted.extensions?.['code'];
  if (typeof code !== 'string') return undefined;
  if (PUBLIC_CODES.has(code)) return code;
  return REQUEST_ERROR_CODES.has(code) ? code : undefined;
}

/**
 * Apollo Server `formatError`: public refusals keep their message, everything else
 * becomes a generic INTERNAL_SERVER_ERROR (no stack, SQL or host name).
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = publicCodeOf(formatted, error);
  const base = { ...(formatted.path ? { path: formatted.path } : {}) };
  if (code === undefined) {
    return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return {
    ...base,
    message: isDatabaseUnreachable(error) ? DATABASE_UNREACHABLE_MESSAGE : formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code },
  };
}
