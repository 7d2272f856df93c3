import { isDeepStrictEqual } from 'node:util';

/** A JSON Schema document, as `z.toJSONSchema` writes it. */
export type JsonSchema = { readonly [key: string]: unknown };

// words for people: a changed description changes no reader
const IGNORED = new Set(['description', '$schema']);

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function withoutIgnored(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !IGNORED.has(key)));
}

function objectProblems(before: JsonSchema, after: JsonSchema, at: string): string[] {
  const oldProperties = isSchema(before['properties']) ? before['properties'] : {};
  const newProperties = isSchema(after['properties']) ? after['properties'] : {};
  const oldRequired = new Set(Array.isArray(before['required']) ? before['required'] : []);
  const newRequired = new Set(Array.isArray(after['required']) ? after['required'] : []);
  const problems = Object.entries(oldProperties).flatMap(([name, schema]) => {
    const next = newProperties[name];
    if (next === undefined) return [`${at}.${name} was removed`];
    if (oldRequired.has(name) !== newRequired.has(name))
      return [`${at}.${name} changed from ${oldRequired.has(name) ? 'required to optional' : 'optional to required'}`];
    return isSchema(schema) && isSchema(next) ? incompatibilities(schema, next, `${at}.${name}`) : [];
  });
  for (const name of Object.keys(newProperties)) {
    if (!(name in oldProperties) && newRequired.has(name)) problems.push(`${at}.${name} was added as required`);
  }
  const rest = (schema: JsonSchema) => withoutIgnored({ ...schema, properties: undefined, required: undefined });
  if (!isDeepStrictEqual(rest(before), rest(after))) problems.push(`${at} changed its object constraints`);
  return problems;
}

/**
 * Why an event version's payload schema, changed from `before` to `after`, could break a
 * producer or consumer of that version: anything but a new optional field (or new words)
 * does. An empty list means the version may keep its number.
 */
export function incompatibilities(before: JsonSchema, after: JsonSchema, at = 'payload'): string[] {
  if (isDeepStrictEqual(withoutIgnored(before), withoutIgnored(after))) return [];
  if (before['type'] === 'object' && after['type'] === 'object') return objectProblems(before, after, at);
  if (
    before['type'] === 'array' &&
    after['type'] === 'array' &&
    isSchema(before['items']) &&
    isSchema(after['items'])
  ) {
    const rest = (schema: JsonSchema) => withoutIgnored({ ...schema, items: undefined });
    const own = isDeepStrictEqual(rest(before), rest(after)) ? [] : [`${at} changed its array constraints`];
    return [...own, ...incompatibilities(before['items'], after['items'], `${at}[]`)];
  }
  return [`${at} changed from ${JSON.stringify(withoutIgnored(before))} to ${JSON.stringify(withoutIgnored(after))}`];
}
