import type { Pool, PoolClient, QueryResult } from 'pg';
import { openClosingStatements, takeClosingStatements } from './send-with-commit';

/**
 * Runs `work` in one transaction on one connection of `pool`: committed when it resolves,
 * rolled back when it throws (and the error rethrown). Statements `work` registered with
 * `sendWithCommit` travel in the commit's message, the commit right after them; when one of
 * them fails the server skips the commit and the transaction is rolled back here.
 */
export function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return transaction(pool, 'begin', work);
}

/**
 * As {@link inTransaction}, with `statement` sent in the message that opens the transaction,
 * right after its `begin`: the transaction's first statement costs no round trip of its own.
 * `work` gets its result. The statement travels as a simple query, which takes no parameters:
 * every value in it must be a literal escaped by `pg.escapeLiteral` (or a constant). When it
 * fails, the transaction is rolled back and its error thrown, and `work` never runs.
 */
export function inTransactionOpenedWith<T>(
  pool: Pool,
  statement: string,
  work: (client: PoolClient, opened: { readonly rowCount: number | null }) => Promise<T>,
): Promise<T> {
  return transaction(pool, `begin;\n${statement}`, work);
}

async function transaction<T>(
  pool: Pool,
  opening: string,
  work: (client: PoolClient, opened: { readonly rowCount: number | null }) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    // a simple query of several statements resolves to one result per statement
    const results: QueryResult | QueryResult[] = await client.query(opening);
    const opened = Array.isArray(results) ? (results.at(-1) ?? { rowCount: null }) : results;
    openClosingStatements(client);
    const result = await work(client, opened);
    // one simple query (several statements take no parameters): the closing statements, then `commit`
    await client.query([...takeClosingStatements(client), 'commit'].join(';\n'));
    return result;
  } catch (error) {
    takeClosingStatements(client); // what work registered before it failed never runs
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
