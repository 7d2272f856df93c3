import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { preparingClient, statementNames } from './prepared-statements';
import { createServicePool } from './service-pool';

const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

/** One connection, so every statement of a test meets the same prepared statements. */
function onePool(url = inject('postgresAdminUrl')): pg.Pool {
  const pool = createServicePool(url, { max: 1 });
  pools.push(pool);
  return pool;
}

const preparedOn = async (client: pg.Pool | pg.PoolClient) =>
  (
    await client.query<{ statement: string }>('select statement from pg_prepared_statements order by statement')
  ).rows.map((row) => row.statement);

describe('preparingClient', () => {
  it('prepares a parameterized statement once per connection, in each form pg and Prisma call it', async () => {
    const pool = onePool();
    const text = 'select $1::int + 1 as next';
    for (let n = 0; n < 3; n++) {
      expect((await pool.query(text, [n])).rows).toEqual([{ next: n + 1 }]);
      expect((await pool.query({ text, values: [n] })).rows).toEqual([{ next: n + 1 }]);
      // @prisma/adapter-pg: rows as arrays
      expect((await pool.query({ text, values: [n], rowMode: 'array' })).rows).toEqual([[n + 1]]);
    }
    expect(await preparedOn(pool)).toEqual([text]);
  });

  it('leaves statements without values, and several in one query, to the simple protocol', async () => {
    const pool = onePool();
    await pool.query('select 1');
    await pool.query('begin; select 2; commit');
    await pool.query('select $1::text as empty', []).catch(() => undefined);
    expect(await preparedOn(pool)).toEqual([]);
  });

  it('names no more texts than its limit; the others run unnamed', async () => {
    const pool = new pg.Pool({
      connectionString: inject('postgresAdminUrl'),
      max: 1,
      Client: preparingClient(pg.Client, statementNames(2)),
    });
    pools.push(pool);
    const texts = ['select $1::int as a', 'select $1::int as b', 'select $1::int as c'];
    for (const text of texts) expect((await pool.query(text, [7])).rows).toHaveLength(1);
    expect(await preparedOn(pool)).toEqual(texts.slice(0, 2));
  });

  it('keeps a transaction that failed on a statement usable for its rollback, and the connection after it', async () => {
    const pool = onePool();
    const client = await pool.connect();
    try {
      await client.query('begin');
      await expect(client.query('select 1 / $1::int as broken', [0])).rejects.toThrow(/division by zero/);
      await expect(client.query('select $1::int as after', [1])).rejects.toThrow(/aborted/);
      await client.query('rollback');
      expect((await client.query('select $1::int as after', [1])).rows).toEqual([{ after: 1 }]);
      expect((await client.query('select 1 / $1::int as broken', [1])).rows).toEqual([{ broken: 1 }]);
    } finally {
      client.release();
    }
  });

  it('prepares nothing behind PgBouncer (`pgbouncer=true` on the URL)', async () => {
    const url = new URL(inject('postgresAdminUrl'));
    url.searchParams.set('pgbouncer', 'true');
    const pool = onePool(url.toString());
    await pool.query('select $1::int as n', [1]);
    expect(await preparedOn(pool)).toEqual([]);
  });
});
