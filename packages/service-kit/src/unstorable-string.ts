import { Kind, visit } from 'graphql';
import type { DocumentNode, ValueNode } from 'graphql';

/**
 * NUL, which a PostgreSQL `text` cannot hold, or a UTF-16 surrogate without its partner,
 * which is no Unicode character and has no UTF-8 encoding. Either, let through, fails deep
 * in a resolver as an internal error; refused up front, it is the caller's mistake.
 */
// eslint-disable-next-line no-control-regex -- NUL is precisely what is looked for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const PROBLEM = 'holds a character that cannot be stored (NUL, or half of a UTF-16 surrogate pair)';

/** True when `value` can be stored and encoded as UTF-8: no NUL, no unpaired surrogate. */
export const isStorableString = (value: string): boolean => !UNSTORABLE.test(value);

/** The path inside a JSON value (variables) of its first unstorable string or key. */
function pathInJson(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return isStorableString(value) ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Array.isArray(value)
    ? value.map((item, index): [string, unknown] => [`[${index}]`, item])
    : Object.entries(value).map(([key, item]): [string, unknown] => [`.${key}`, item]);
  for (const [step, item] of entries) {
    if (!isStorableString(step)) return path;
    const found = pathInJson(item, `${path}${step}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function literalIsUnstorable(node: ValueNode): boolean {
  if (node.kind === Kind.STRING) return !isStorableString(node.value);
  if (node.kind === Kind.LIST) return node.values.some(literalIsUnstorable);
  if (node.kind === Kind.OBJECT) return node.fields.some((field) => literalIsUnstorable(field.value));
  return false; // numbers, booleans, enums and null hold no text; variables are checked by value
}

function literalProblem(document: DocumentNode): string | undefined {
  let problem: string | undefined;
  visit(document, {
    Argument(node) {
      if (problem === undefined && literalIsUnstorable(node.value))
        problem = `Argument "${node.name.value}" ${PROBLEM}.`;
    },
    VariableDefinition(node) {
      if (problem === undefined && node.defaultValue && literalIsUnstorable(node.defaultValue)) {
        problem = `Variable "$${node.variable.name.value}" ${PROBLEM} in its default value.`;
      }
    },
  });
  return problem;
}

/** An operation as a server receives it: its parsed document and the variables sent with it. */
export interface SentOperation {
  readonly document: DocumentNode;
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
}

/**
 * The refusal message for the first string of an operation that cannot be stored, naming
 * the argument or variable (and the path inside it), or undefined when every string is fine.
 * It looks at every string, wherever it would go, so no field needs a check of its own.
 */
export function findUnstorableString({ document, variables }: SentOperation): string | undefined {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const path = pathInJson(value, name);
    if (path !== undefined) return `Variable "$${name}" ${PROBLEM}, at ${path}.`;
  }
  return literalProblem(document);
}
