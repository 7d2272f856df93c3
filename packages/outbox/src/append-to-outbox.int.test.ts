import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestEventBus } from '@shopgraph/test-kit/test-event-bus';
import { note, noted, record } from '@shopgraph/event-bus/testing/contract-fixtures';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { appendToOutbox, appendToOutboxAtCommit, outboxInsertSql } from './append-to-outbox';
import { createOutboxRelay } from './outbox-relay';
import type { OutboxRelay } from './outbox-relay';
import { createOutboxDatabase, inTransaction, quiet, recordingBus } from './testing/outbox-fixtures';
import type { OutboxDatabase } from './testing/outbox-fixtures';

describe('appendToOutbox', () => {
  let database: OutboxDatabase;
  let relay: OutboxRelay | undefined;
  beforeAll(async () => {
    database = await createOutboxDatabase();
  });
  afterEach(() => relay?.stop());
  afterAll(() => database.close());

  const idsInOutbox = async () =>
    (await database.pool.query<{ id: string }>('select id from outbox order by sequence')).rows.map((row) => row.id);

  it('publishes what committed, exactly once and under its own ID, and nothing that rolled back', async () => {
    const inner = await createTestEventBus();
    const bus = recordingBus(inner);
    const reader = await record(inner, { consumer: 'reader', events: [noted] });
    relay = createOutboxRelay({ pool: database.pool, bus, log: quiet, pollIntervalMs: 20 });
    relay.start();
    const [rolledBack, committed] = [note(1), note(2)];
    const rollingBack = inTransaction(database.pool, async (client) => {
      await appendToOutbox(client, [rolledBack]);
      throw new Error('the state change failed');
    });
    await expect(rollingBack).rejects.toThrow('the state change failed');
    await inTransaction(database.pool, (client) => appendToOutbox(client, [committed]));
    await waitFor(() => reader.received.length === 1, { what: 'the committed event' });
    await relay.stop();
    expect(bus.acked).toEqual([committed.id]);
    expect(reader.received).toEqual([committed]);
    await inner.close();
  });

  it('keeps the order of the events it is given, in one statement', async () => {
    await database.pool.query('truncate outbox');
    const events = [note(1), note(2), note(3)];
    let statements = 0;
    await inTransaction(database.pool, (client) =>
      appendToOutbox(
        {
          query: (text, values) => {
            statements += 1;
            return client.query(text, values);
          },
        },
        events,
      ),
    );
    expect(statements).toBe(1);
    expect(await idsInOutbox()).toEqual(events.map((event) => event.id));
  });

  it('gives Prisma a statement that writes the same rows', async () => {
    await database.pool.query('truncate outbox');
    const events = [note(1, 'order-1'), note(2, 'order-2')];
    const { text, values } = outboxInsertSql(events);
    await database.pool.query(text, [...values]);
    const { rows } = await database.pool.query(
      'select id, aggregate_id, type, version, occurred_at, payload, published_at from outbox order by sequence',
    );
    expect(rows).toEqual(
      events.map((event) => ({
        id: event.id,
        aggregate_id: event.aggregateId,
        type: 'test.noted',
        version: 1,
        occurred_at: new Date(event.occurredAt),
        payload: event.payload,
        published_at: null,
      })),
    );
  });

  it('writes the same rows at commit, after what the transaction wrote later, and nothing for a failed work', async () => {
    await database.pool.query('truncate outbox');
    const [atCommit, now, rolledBack] = [note(1, 'order-1'), note(2, 'order-2'), note(3, 'order-3')];
    // a payload no literal could break: quotes, backslashes, a dollar quote
    const hostile = { ...atCommit, payload: { n: 1, text: `'); select 1; -- \\' $$` } };
    await inTransaction(database.pool, async (client) => {
      appendToOutboxAtCommit(client, [hostile]);
      await appendToOutbox(client, [now]);
    });
    const failing = inTransaction(database.pool, async (client) => {
      appendToOutboxAtCommit(client, [rolledBack]);
      throw new Error('the state change failed');
    });
    await expect(failing).rejects.toThrow('the state change failed');
    expect(await idsInOutbox()).toEqual([now.id, atCommit.id]);
    const { rows } = await database.pool.query('select payload from outbox where id = $1', [atCommit.id]);
    expect(rows[0]?.payload).toEqual(hostile.payload);
  });

  it('refuses an invalid envelope before writing anything', async () => {
    await database.pool.query('truncate outbox');
    const invalid = { ...note(1), type: 'Not A Type' };
    await expect(appendToOutbox(database.pool, [note(2), invalid])).rejects.toThrow();
    expect(await idsInOutbox()).toEqual([]);
  });
});
