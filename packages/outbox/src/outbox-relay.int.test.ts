import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEventBus } from '@shopgraph/test-kit/test-event-bus';
import type { TestEventBus } from '@shopgraph/test-kit/test-event-bus';
import { captureLogger } from '@shopgraph/event-bus/testing/capture-logger';
import { note, noted, record } from '@shopgraph/event-bus/testing/contract-fixtures';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { appendToOutbox } from './append-to-outbox';
import { createOutboxRelay } from './outbox-relay';
import type { OutboxRelay, OutboxRelayOptions } from './outbox-relay';
import {
  createOutboxDatabase,
  inTransaction,
  publishedIds,
  quiet,
  recordingBus,
  unpublishedCount,
} from './testing/outbox-fixtures';
import type { OutboxDatabase } from './testing/outbox-fixtures';

describe('outbox relay', () => {
  let database: OutboxDatabase;
  let inner: TestEventBus;
  const relays: OutboxRelay[] = [];
  const startRelay = (options: Omit<OutboxRelayOptions, 'pool'>) => {
    const relay = createOutboxRelay({ pool: database.pool, log: quiet, pollIntervalMs: 20, ...options });
    relays.push(relay);
    relay.start();
    return relay;
  };
  const allPublished = () =>
    waitFor(async () => (await unpublishedCount(database.pool)) === 0, { what: 'an empty outbox' });

  beforeAll(async () => {
    database = await createOutboxDatabase();
  });
  beforeEach(async () => {
    await database.pool.query('truncate outbox');
    inner = await createTestEventBus();
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await inner.close();
  });
  afterAll(() => database.close());

  it('keeps each aggregate’s order over 500 events on 10 aggregates', async () => {
    const reader = await record(inner, { consumer: 'reader', events: [noted] });
    const bus = recordingBus(inner);
    startRelay({ bus, batchSize: 37 });
    for (let n = 0; n < 50; n++) {
      const events = Array.from({ length: 10 }, (_, aggregate) => note(n, `aggregate-${aggregate}`));
      await inTransaction(database.pool, (client) => appendToOutbox(client, events));
    }
    await waitFor(() => reader.received.length === 500, { what: '500 events' });
    const byAggregate = new Map<string, number[]>();
    for (const { aggregateId, payload } of reader.received) {
      byAggregate.set(aggregateId, [...(byAggregate.get(aggregateId) ?? []), payload.n]);
    }
    expect(byAggregate.size).toBe(10);
    for (const numbers of byAggregate.values()) expect(numbers).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(new Set(bus.acked).size).toBe(500);
    // a durable bus may deliver an event before the relay has marked it published
    await allPublished();
    expect(bus.acked).toEqual(await publishedIds(database.pool));
  });

  it('backs off while the broker fails, then publishes everything in order, each acknowledged once', async () => {
    const bus = recordingBus(inner, { failFirst: 5 });
    const events = Array.from({ length: 20 }, (_, n) => note(n));
    await inTransaction(database.pool, (client) => appendToOutbox(client, events));
    const started = Date.now();
    const relay = startRelay({ bus, backoff: { initialMs: 10, maxMs: 50 } });
    await allPublished();
    // 10 + 20 + 40 + 50 + 50 ms of backoff at least
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(bus.attempts).toBe(25);
    expect(bus.acked).toEqual(events.map((event) => event.id));
    expect(await publishedIds(database.pool)).toEqual(bus.acked);
    expect(relay.metrics()).toMatchObject({ published: 20, failures: 5, lastError: 'broker unavailable (attempt 5)' });
  });

  it('publishes a batch in one publishAll call, and after a failure part-way the whole batch again, each event once', async () => {
    const reader = await record(inner, { consumer: 'reader', events: [noted] });
    const calls: number[] = [];
    const bus = {
      publish: () => Promise.reject(new Error('the relay publishes batches when the bus can')),
      async publishAll(events: readonly ReturnType<typeof note>[]) {
        calls.push(events.length);
        if (calls.length > 1) return inner.publishAll(events);
        await inner.publishAll(events.slice(0, 10)); // stored, then the broker connection drops
        throw new Error('broker connection lost');
      },
    };
    const events = Array.from({ length: 30 }, (_, n) => note(n));
    await inTransaction(database.pool, (client) => appendToOutbox(client, events));
    startRelay({ bus, backoff: { initialMs: 10, maxMs: 10 } });
    await allPublished();
    await waitFor(() => reader.received.length >= 30, { what: '30 events' });
    expect(calls).toEqual([30, 30]);
    expect(reader.ids()).toEqual(events.map((event) => event.id));
  });

  it('wakes up on the appender’s notification instead of waiting for the next poll', async () => {
    const bus = recordingBus(inner);
    const relay = startRelay({ bus, pollIntervalMs: 60_000 });
    await waitFor(() => relay.metrics().active, { what: 'the lock' });
    // let the first poll find the outbox empty and go to sleep for a minute
    await new Promise((resolve) => setTimeout(resolve, 100));
    const event = note(1);
    await inTransaction(database.pool, (client) => appendToOutbox(client, [event]));
    await waitFor(() => bus.acked.length === 1, { what: 'the notified event', timeout: 5_000 });
    expect(bus.acked).toEqual([event.id]);
  });

  it('dead-letters a row that is not a valid envelope, logs it, and relays the rows behind it', async () => {
    const bus = recordingBus(inner);
    const poison = crypto.randomUUID();
    await database.pool.query(
      `insert into outbox (id, aggregate_id, type, version, occurred_at, payload)
       values ($1, 'order-1', 'Not A Type', 1, now(), '{}')`,
      [poison],
    );
    const valid = note(1);
    await inTransaction(database.pool, (client) => appendToOutbox(client, [valid]));
    const { logger, lines } = captureLogger();
    const relay = startRelay({ bus, log: logger });
    await allPublished();
    expect(bus.acked).toEqual([valid.id]);
    const { rows } = await database.pool.query('select dead_letter from outbox where id = $1', [poison]);
    expect(rows[0]?.dead_letter).toMatch(/type/);
    expect(relay.metrics()).toMatchObject({ published: 1, deadLettered: 1 });
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, eventId: poison }));
  });
});
