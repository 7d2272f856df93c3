import type { IncomingHttpHeaders } from 'node:http';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { KEY_ALIAS } from './split-deferred';
import type { DeferredPart } from './split-deferred';

type Data = Record<string, unknown>;
const isData = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the client reads Apollo's incremental delivery (`multipart/mixed;deferSpec=20220824`). */
export function acceptsIncrementalDelivery(headers: IncomingHttpHeaders): boolean {
  return (headers.accept ?? '')
    .split(',')
    .map((range) => range.replaceAll(/\s+/g, '').toLowerCase())
    .some((range) => range.startsWith('multipart/mixed') && /;deferspec="?20220824"?/.test(range));
}

// https://github.com/graphql/graphql-over-http/blob/main/rfcs/IncrementalDelivery.md, as Apollo's routers write it
const BOUNDARY = '-';
export const MULTIPART_DEFER = {
  contentType: `multipart/mixed;boundary="${BOUNDARY}";deferSpec=20220824`,
  part: (payload: unknown) =>
    `\r\n--${BOUNDARY}\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(payload)}`,
  closing: `\r\n--${BOUNDARY}--\r\n`,
};

/** The object at `path` in `data`, or undefined when the answer has none (null, or an error on the way). */
export function objectAt(data: unknown, path: readonly string[]): Data | undefined {
  let at: unknown = data;
  for (const key of path) at = isData(at) ? at[key] : undefined;
  return isData(at) ? at : undefined;
}

/**
 * Takes out of the primary answer the keys the split added (the client did not ask for them)
 * and returns them, one per deferred part: undefined where the answer has no object.
 */
export function takeKeys(data: Data, parts: readonly DeferredPart[]): unknown[] {
  const keys = parts.map((part) => objectAt(data, part.path)?.[KEY_ALIAS]);
  for (const part of parts) delete objectAt(data, part.path)?.[KEY_ALIAS];
  return keys;
}

const NOT_THE_SAME: GraphQLFormattedError = {
  message: 'The deferred fields could not be read for the same object: ask again.',
  extensions: { code: 'DEFERRED_OBJECT_CHANGED' },
};

/**
 * The incremental item of one deferred fragment, or undefined when the primary part has no
 * object there (the fragment is then not sent, as the spec says). The follow-up's object must
 * carry the same key as the primary's: if it does not, its fields are not sent (never data of
 * another object), an error is.
 */
export function incrementalItem(
  key: unknown,
  part: DeferredPart,
  result: FormattedExecutionResult,
): Record<string, unknown> | undefined {
  if (key === undefined || key === null) return undefined;
  const found = objectAt(result.data, part.path);
  const label = part.label === undefined ? {} : { label: part.label };
  const errors = result.errors ?? [];
  if (!found || found[KEY_ALIAS] !== key) {
    const reasons = errors.length > 0 ? errors : [NOT_THE_SAME];
    return { data: null, path: part.path, errors: reasons, ...label };
  }
  const { [KEY_ALIAS]: _key, ...fields } = found;
  return { data: fields, path: part.path, ...(errors.length > 0 ? { errors } : {}), ...label };
}
