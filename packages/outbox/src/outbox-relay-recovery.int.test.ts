import type { Pool } from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEventBus } from '@shopgraph/test-kit/test-event-bus';
import type { TestEventBus } from '@shopgraph/test-kit/test-event-bus';
import { note, noted } from '@shopgraph/event-bus/testing/contract-fixtures';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { appendToOutbox } from './append-to-outbox';
import { claimProcessedEvent } from './claim-processed-event';
import { createOutboxRelay } from './outbox-relay';
import type { OutboxRelay, OutboxRelayOptions } from './outbox-relay';
import { createOutboxDatabase, inTransaction, quiet, recordingBus, unpublishedCount } from './testing/outbox-fixtures';
import type { OutboxDatabase } from './testing/outbox-fixtures';

/** What a process crash does to the relay's database session: the connection, and the lock with it, are gone. */
async function killActiveRelayConnection(pool: Pool): Promise<void> {
  await pool.query(
    `select pg_terminate_backend(pid) from pg_locks
     where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`,
  );
}

describe('outbox relay recovery', () => {
  let database: OutboxDatabase;
  let inner: TestEventBus;
  const relays: OutboxRelay[] = [];
  const startRelay = (options: Omit<OutboxRelayOptions, 'pool'>) => {
    const relay = createOutboxRelay({
      pool: database.pool,
      log: quiet,
      pollIntervalMs: 20,
      lockRetryMs: 20,
      ...options,
    });
    relays.push(relay);
    relay.start();
    return relay;
  };
  const allPublished = () =>
    waitFor(async () => (await unpublishedCount(database.pool)) === 0, { what: 'an empty outbox' });
  const append = (events: ReturnType<typeof note>[]) =>
    inTransaction(database.pool, (client) => appendToOutbox(client, events));

  beforeAll(async () => {
    database = await createOutboxDatabase();
    await database.pool.query('create table effects (event_id uuid not null)');
  });
  beforeEach(() => database.pool.query('truncate outbox, processed_events, effects'));
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await inner.close();
  });
  afterAll(() => database.close());

  it('republishes an acknowledged event whose mark was lost, and the consumer’s claim makes it one effect', async () => {
    // the bus drops the republished copy; the consumer's first attempt fails after its commit
    // (an ack lost with its process), so the second delivery reaches it and only its claim stops it
    inner = await createTestEventBus({ retryBackoff: () => 10 });
    const deliveries: string[] = [];
    await inner.subscribe({
      consumer: 'effects',
      events: [noted],
      handle: (event) =>
        inTransaction(database.pool, async (client) => {
          deliveries.push(event.id);
          if (!(await claimProcessedEvent(client, { consumer: 'effects', eventId: event.id }))) return;
          await client.query('insert into effects (event_id) values ($1)', [event.id]);
        }).then(() => {
          if (deliveries.length === 1) throw new Error('the ack is lost, on purpose');
        }),
    });
    let crashed = false;
    const bus = recordingBus(inner, {
      afterAck: async () => {
        if (crashed) return;
        crashed = true;
        await killActiveRelayConnection(database.pool);
      },
    });
    const event = note(1);
    await append([event]);
    const relay = startRelay({ bus, backoff: { initialMs: 10, maxMs: 50 } });
    await allPublished();
    await waitFor(() => deliveries.length === 2, { what: 'the second delivery' });
    expect(bus.acked).toEqual([event.id, event.id]);
    const { rows } = await database.pool.query('select event_id from effects');
    expect(rows).toEqual([{ event_id: event.id }]);
    expect(relay.metrics()).toMatchObject({ published: 1, failures: 1 });
  });

  it('republishes after a lost mark under the same ID, so the broker drops the copy', async () => {
    inner = await createTestEventBus();
    const received: string[] = [];
    await inner.subscribe({
      consumer: 'reader',
      events: [noted],
      handle: async (event) => void received.push(event.id),
    });
    let crashed = false;
    const bus = recordingBus(inner, {
      afterAck: async () => {
        if (!crashed) await killActiveRelayConnection(database.pool);
        crashed = true;
      },
    });
    const event = note(1);
    await append([event]);
    startRelay({ bus, backoff: { initialMs: 10, maxMs: 50 } });
    await allPublished();
    expect(bus.acked).toEqual([event.id, event.id]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([event.id]);
  });

  it('lets one relay per database publish, and another take over when it stops', async () => {
    inner = await createTestEventBus();
    const [busA, busB] = [recordingBus(inner), recordingBus(inner)];
    const relayA = startRelay({ bus: busA });
    await waitFor(() => relayA.metrics().active, { what: 'relay A to take the lock' });
    const relayB = startRelay({ bus: busB });
    const first = Array.from({ length: 10 }, (_, n) => note(n));
    await append(first);
    await allPublished();
    expect(busA.acked).toEqual(first.map((event) => event.id));
    expect(busB.attempts).toBe(0);
    expect(relayB.metrics().active).toBe(false);

    await relayA.stop();
    await waitFor(() => relayB.metrics().active, { what: 'relay B to take over' });
    const second = Array.from({ length: 10 }, (_, n) => note(n + 10));
    await append(second);
    await allPublished();
    expect(busB.acked).toEqual(second.map((event) => event.id));
    expect(busA.acked).toHaveLength(10);
  });

  it('lets a standby take over when the active relay’s connection dies', async () => {
    inner = await createTestEventBus();
    const [busA, busB] = [recordingBus(inner), recordingBus(inner)];
    // A never gets its lock back: its retries come after B's within this test
    const relayA = startRelay({ bus: busA, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    await waitFor(() => relayA.metrics().active, { what: 'relay A to take the lock' });
    const relayB = startRelay({ bus: busB });
    await killActiveRelayConnection(database.pool);
    await waitFor(() => relayB.metrics().active, { what: 'relay B to take over' });
    const event = note(1);
    await append([event]);
    await allPublished();
    expect(busB.acked).toEqual([event.id]);
    expect(busA.attempts).toBe(0);
  });
});
