import { describe, expect, inject, it } from 'vitest';
import { endPool } from './end-pool';
import type { PoolEndLog } from './end-pool';
import { createServicePool } from './service-pool';

function recordingLog(): PoolEndLog & { readonly lines: { details: object; message: string }[] } {
  const lines: { details: object; message: string }[] = [];
  return { lines, error: (details, message) => lines.push({ details, message }) };
}

const poolOnTestServer = () => createServicePool(inject('postgresAdminUrl'), { max: 2 });

describe('endPool', () => {
  it('ends a pool whose connections all came back, and says nothing', async () => {
    const pool = poolOnTestServer();
    await pool.query('select 1');
    const log = recordingLog();
    await endPool(pool, { name: 'requests', log });
    expect(pool.ended).toBe(true);
    expect(log.lines).toEqual([]);
  });

  it('closes a connection still running a statement past the grace, naming the pool; its holder gives it back', async () => {
    const pool = poolOnTestServer();
    const client = await pool.connect();
    // held as inTransaction holds one: given back when its statement settles
    const statement = client.query('select pg_sleep(600)').finally(() => client.release());
    const log = recordingLog();
    await endPool(pool, { name: 'background', log, graceMs: 200 });
    await expect(statement).rejects.toThrow();
    expect(log.lines[0]).toEqual({
      details: { pool: 'background', inUse: 1, waiting: 0 },
      message: 'stopping: connections still in use after 200 ms; closing them',
    });
  });

  it('stops waiting for a connection its holder never gives back, and says so', async () => {
    const pool = poolOnTestServer();
    const leaked = await pool.connect();
    const log = recordingLog();
    await endPool(pool, { name: 'card-processor', log, graceMs: 100 });
    expect(log.lines.map((line) => line.message)).toEqual([
      'stopping: connections still in use after 100 ms; closing them',
      'stopping: the pool did not end after its connections were closed; not waiting for it',
    ]);
    // closed all the same: the server no longer serves it
    await expect(leaked.query('select 1')).rejects.toThrow();
  });
});
