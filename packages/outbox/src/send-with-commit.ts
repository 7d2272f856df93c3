import type { Queryable } from './queryable';

// The statements each open transaction of inTransaction sends with its commit, by client.
const closing = new WeakMap<Queryable, string[]>();

/**
 * Has `statement` run as the last of the transaction open on `client` (one of
 * {@link inTransaction}), in the message that commits it: the server runs the statement, then
 * `commit`, with no round trip to the client in between. A lock the statement takes is thus held
 * for the statement and the commit only, however long the client takes to be scheduled again
 * (on a busy machine, that wait was most of a lock's hold).
 *
 * The statement travels as a simple query, which takes no parameters: every value in it must be
 * a literal escaped by `pg.escapeLiteral` (or a constant). Its result is not returned: it refuses
 * by raising an error, which skips the commit and rolls the transaction back. Statements run in
 * the order they were registered, after everything `work` sent.
 */
export function sendWithCommit(client: Queryable, statement: string): void {
  const pending = closing.get(client);
  if (!pending) throw new Error('sendWithCommit: the client is not in an inTransaction transaction');
  pending.push(statement);
}

/** Opens the list of `client`'s closing statements; {@link takeClosingStatements} closes it. */
export function openClosingStatements(client: Queryable): void {
  closing.set(client, []);
}

/** The statements registered on `client`, in order, forgotten from now on. */
export function takeClosingStatements(client: Queryable): readonly string[] {
  const statements = closing.get(client) ?? [];
  closing.delete(client);
  return statements;
}
