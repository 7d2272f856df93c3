import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { poolConfigFromUrl } from '@shopgraph/service-kit/database/pool-config';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { createTestBusDatabase } from '@shopgraph/test-kit/test-bus-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { eventBusContract } from './event-bus-contract';
import type { ContractBusOptions } from './event-bus-contract';
import type { DeadLetterReader, EventBus } from './event-bus';
import { bulkInsertEvents } from './testing/bulk-insert-events';
import { createPostgresEventBus } from './postgres-event-bus';
import { insertEvent } from './postgres-publish';
import { note, noted, record } from './testing/contract-fixtures';
import { untilAccepted } from './testing/until-accepted';

// short waits: the tests wait for outcomes, and these only make them come sooner
const FAST = { pollIntervalMs: 50, lockRetryMs: 100, reconnectBackoff: { initialMs: 50, maxMs: 500 } };

eventBusContract('PostgreSQL adapter', async (options: ContractBusOptions) => {
  const database = await createTestBusDatabase();
  const open = () => createPostgresEventBus({ ...options, ...FAST, databaseUrl: database.url });
  const bus = await open();
  const opened: (EventBus & DeadLetterReader)[] = [bus];
  const raw = new pg.Pool(poolConfigFromUrl(database.url));
  return {
    bus,
    publishRaw: async (type, data) => {
      await insertEvent(raw, { id: randomUUID(), type, subject: `shop.${type}`, aggregateId: null, data });
    },
    publishMany: (events) => bulkInsertEvents(raw, events),
    reopen: async () => {
      const again = await open();
      opened.push(again);
      return again;
    },
    teardown: async () => {
      await Promise.all(opened.map((each) => each.close()));
      await raw.end();
      await database.drop();
    },
  };
});

const quiet = pino({ level: 'silent' });

describe('PostgreSQL event bus', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('survives its database connections being killed, and delivers again once reconnected', async () => {
    database = await createTestBusDatabase();
    const bus = await createPostgresEventBus({ ...FAST, databaseUrl: database.url, logger: quiet });
    const admin = new pg.Client(poolConfigFromUrl(database.url));
    await admin.connect();
    try {
      const reader = await record(bus, { consumer: 'sturdy', events: [noted] });
      const watched: string[] = [];
      await bus.watch({ events: [noted], handle: (event) => void watched.push(event.id) });
      const before = note(1);
      await bus.publish(before);
      await waitFor(() => reader.received.length === 1 && watched.length === 1, { what: 'the first event' });
      const killed = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      const after = note(2);
      await untilAccepted(() => bus.publish(after));
      await waitFor(() => reader.ids().includes(after.id), { what: 'the consumer to reconnect', timeout: 30_000 });
      await waitFor(() => watched.includes(after.id), { what: 'the watch to reconnect', timeout: 30_000 });
      expect(reader.ids().filter((id) => id !== before.id)).toEqual([after.id]);
    } finally {
      await admin.end();
      await bus.close();
    }
  });

  it('runs a consumer name in one process at a time, and a standby takes over when it stops', async () => {
    database = await createTestBusDatabase();
    const first = await createPostgresEventBus({ ...FAST, databaseUrl: database.url, logger: quiet });
    const second = await createPostgresEventBus({ ...FAST, databaseUrl: database.url, logger: quiet });
    try {
      const active = await record(first, { consumer: 'single', events: [noted] });
      await first.publish(note(1));
      await waitFor(() => active.received.length === 1, { what: 'the active consumer' });
      const standby = await record(second, { consumer: 'single', events: [noted] });
      const events = [note(2), note(3)];
      for (const event of events) await first.publish(event);
      await waitFor(() => active.received.length === 3, { what: 'the active consumer to go on' });
      expect(standby.received).toEqual([]);
      await active.subscription.stop();
      const later = note(4);
      await second.publish(later);
      await waitFor(() => standby.received.length === 1, { what: 'the standby to take over' });
      expect(standby.ids()).toEqual([later.id]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('stores an event ID once for ever', async () => {
    database = await createTestBusDatabase();
    const bus = await createPostgresEventBus({ ...FAST, databaseUrl: database.url, logger: quiet });
    try {
      const event = note(1);
      await bus.publish(event);
      await bus.publish(event);
      const reader = await record(bus, { consumer: 'once', events: [noted] });
      const marker = note(2);
      await bus.publish(marker);
      await waitFor(() => reader.ids().includes(marker.id), { what: 'the marker' });
      expect(reader.ids()).toEqual([event.id, marker.id]);
      expect(bus.metrics().published).toBe(3);
    } finally {
      await bus.close();
    }
  });
});
