import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { inTransaction } from './in-transaction';
import { sendWithCommit } from './send-with-commit';

describe('sendWithCommit', () => {
  let database: TestDatabase;
  // one connection, so every test reuses the connection the one before it left; its notices
  // (a second `commit`, a `rollback` outside a transaction) are the warnings this must not cause
  let pool: pg.Pool;
  const notices: string[] = [];
  const statements: string[] = [];
  const rows = async () => (await pool.query<{ note: string }>('select note from notes order by at, note')).rows;

  beforeAll(async () => {
    database = await createTestDatabase('orders');
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    pool.on('connect', (client) => {
      client.on('notice', (notice) => notices.push(notice.message ?? String(notice)));
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      Object.assign(client, { query: (...args: unknown[]) => (statements.push(String(args[0])), query(...args)) });
    });
    await pool.query('create table notes (note text not null, at int not null)');
  });
  beforeEach(async () => {
    await pool.query('truncate notes');
    notices.length = 0;
    statements.length = 0;
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('runs the statement after everything the work sent, in the message that commits, and commits once', async () => {
    await inTransaction(pool, async (client) => {
      sendWithCommit(client, `insert into notes select 'closing saw ' || count(*), 2 from notes`);
      await client.query(`insert into notes values ('work', 1)`);
    });
    expect(await rows()).toEqual([{ note: 'work' }, { note: 'closing saw 1' }]);
    const commits = statements.filter((text) => /\bcommit\b/.test(text));
    expect(commits).toEqual([`insert into notes select 'closing saw ' || count(*), 2 from notes;\ncommit`]);
    expect(notices).toEqual([]);
  });

  it('rolls back everything when the statement fails, and leaves the connection with no transaction', async () => {
    const failing = inTransaction(pool, async (client) => {
      await client.query(`insert into notes values ('work', 1)`);
      sendWithCommit(client, `insert into notes values ('closing', 2)`);
      sendWithCommit(client, `insert into notes values ('division', 1 / 0)`);
    });
    await expect(failing).rejects.toThrow('division by zero');
    expect(await rows()).toEqual([]);
    // the server skipped the commit after the failure: the rollback found the transaction
    expect(notices).toEqual([]);
    await inTransaction(pool, (client) => client.query(`insert into notes values ('next', 1)`));
    expect(await rows()).toEqual([{ note: 'next' }]);
  });

  it('never runs a statement registered by work that failed', async () => {
    const failing = inTransaction(pool, async (client) => {
      sendWithCommit(client, `insert into notes values ('closing', 2)`);
      throw new Error('the change was refused');
    });
    await expect(failing).rejects.toThrow('the change was refused');
    await inTransaction(pool, async () => {});
    expect(await rows()).toEqual([]);
  });

  it('stores a value escaped by pg.escapeLiteral exactly, however hostile', async () => {
    const hostile = `'); drop table notes; -- \\' \\\\ $$ $1 " \u00e9 \u{1f600} \n\t end`;
    await inTransaction(pool, async (client) => {
      sendWithCommit(client, `insert into notes values (${pg.escapeLiteral(hostile)}, 1)`);
    });
    expect(await rows()).toEqual([{ note: hostile }]);
  });

  it('refuses a client that is not in an inTransaction transaction', async () => {
    const client = await pool.connect();
    try {
      expect(() => sendWithCommit(client, 'select 1')).toThrow('not in an inTransaction transaction');
    } finally {
      client.release();
    }
  });
});
