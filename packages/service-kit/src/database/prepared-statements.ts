import type pg from 'pg';

/** Distinct statement texts a pool names at most; past it a text is sent unnamed, as before. */
export const MAX_PREPARED_STATEMENTS = 1_000;

/**
 * Names parameterized statements by their text, so that each connection parses and plans a
 * statement once and afterwards only binds and executes it. Without a name, PostgreSQL parses,
 * analyses and plans every statement anew: in 1,000 contended orders that was the largest part
 * of the databases' CPU (decision 0058).
 *
 * The names belong to the pool (`sg1`, `sg2`, … in the order texts first appear), so one text
 * has one name on each of its connections, and `pg` skips the parse on a connection that
 * already has it.
 *
 * Only a statement with values is named: a simple query (several statements, `begin; …`) cannot
 * be prepared. After {@link MAX_PREPARED_STATEMENTS} distinct texts, new ones go unnamed, so SQL
 * built at run time cannot fill a connection with prepared statements. Behind a pooler in
 * transaction mode (PgBouncer), where a connection's prepared statements are not the client's,
 * the pool is built without it: `?pgbouncer=true` on the URL, as Prisma reads it.
 */
export function preparingClient(Base: typeof pg.Client, names: StatementNames = statementNames()): typeof pg.Client {
  return class PreparingClient extends Base {
    override query(...args: unknown[]): never {
      return (super.query as (...a: unknown[]) => never)(...named(args, names));
    }
  };
}

/** Statement texts and the names given to them. */
export interface StatementNames {
  nameOf(text: string): string | undefined;
}

/** Names for up to `limit` distinct statement texts. */
export function statementNames(limit = MAX_PREPARED_STATEMENTS): StatementNames {
  const names = new Map<string, string>();
  return {
    nameOf(text) {
      const known = names.get(text);
      if (known !== undefined || names.size >= limit) return known;
      const name = `sg${names.size + 1}`;
      names.set(text, name);
      return name;
    },
  };
}

/** The same call, with a name when it is a parameterized statement not named already. */
function named(args: unknown[], names: StatementNames): unknown[] {
  const [first, ...rest] = args;
  if (typeof first === 'string') {
    const [values, ...callback] = rest;
    if (!Array.isArray(values) || values.length === 0) return args;
    const name = names.nameOf(first);
    return name === undefined ? args : [{ text: first, values, name }, ...callback];
  }
  if (!isPlainConfig(first)) return args;
  const { text, values, name } = first;
  if (name !== undefined || typeof text !== 'string') return args;
  // values may also come as the second argument: `query({ text }, values)`
  const given = Array.isArray(values) ? values : rest[0];
  if (!Array.isArray(given) || given.length === 0) return args;
  const chosen = names.nameOf(text);
  return chosen === undefined ? args : [{ ...first, name: chosen }, ...rest];
}

/** A `{ text, values }` object; not a submittable (a cursor, a stream), which must stay itself. */
function isPlainConfig(value: unknown): value is { text?: unknown; values?: unknown; name?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { submit?: unknown }).submit !== 'function' &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}
