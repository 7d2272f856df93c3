import type { Pool, PoolClient } from 'pg';
import { openClosingStatements, takeClosingStatements } from './send-with-commit';

/**
 * Runs `work` in one transaction on one connection of `pool`: committed when it resolves,
 * rolled back when it throws (and the error rethrown). Statements `work` registered with
 * `sendWithCommit` travel in the commit's message, the commit right after them; when one of
 * them fails the server skips the commit and the transaction is rolled back here.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    openClosingStatements(client);
    const result = await work(client);
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
