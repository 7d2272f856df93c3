import type { GraphQLFormattedError } from 'graphql';

/** Apollo Server's `formatError` signature. */
export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

// graphql-js appends one of: ` Did you mean "a"?`, ` Did you mean "a" or "b"?`,
// ` Did you mean the enum value "A"?`, ` Did you mean to use an inline fragment on "T"?`.
// Names never contain `?`, so the suggestion ends at the first one.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** `message` without graphql-js' "Did you mean …?" hints, which spell out the schema. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * Wraps a `formatError` so that no message carries field, argument, type or enum-value
 * suggestions: with introspection off in production, they would still let a client
 * reconstruct the schema one typo at a time. Use it in production only; in development the
 * hints help. A formatter rather than a plugin, so the WebSocket server can reuse it.
 */
export function hideFieldSuggestions(formatError: FormatError): FormatError {
  return (formatted, error) => {
    const result = formatError(formatted, error);
    return { ...result, message: withoutSuggestions(result.message) };
  };
}
