import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimProcessedEvent } from './claim-processed-event';
import { createOutboxDatabase, inTransaction } from './testing/outbox-fixtures';
import type { OutboxDatabase } from './testing/outbox-fixtures';

describe('claimProcessedEvent', () => {
  let database: OutboxDatabase;
  beforeAll(async () => {
    database = await createOutboxDatabase();
  });
  afterAll(() => database.close());

  it('claims an event the first time only', async () => {
    const claim = { consumer: 'payments-saga', eventId: crypto.randomUUID() };
    expect(await claimProcessedEvent(database.pool, claim)).toBe(true);
    expect(await claimProcessedEvent(database.pool, claim)).toBe(false);
  });

  it('lets two consumers each claim the same event', async () => {
    const eventId = crypto.randomUUID();
    expect(await claimProcessedEvent(database.pool, { consumer: 'a', eventId })).toBe(true);
    expect(await claimProcessedEvent(database.pool, { consumer: 'b', eventId })).toBe(true);
  });

  it('lets an event be claimed again when the claiming transaction rolled back', async () => {
    const claim = { consumer: 'orders-saga', eventId: crypto.randomUUID() };
    const failing = inTransaction(database.pool, async (client) => {
      expect(await claimProcessedEvent(client, claim)).toBe(true);
      throw new Error('the side effect failed');
    });
    await expect(failing).rejects.toThrow('the side effect failed');
    expect(await inTransaction(database.pool, (client) => claimProcessedEvent(client, claim))).toBe(true);
    expect(await claimProcessedEvent(database.pool, claim)).toBe(false);
  });
});
