import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimProcessedEvent, claimStatement } from './claim-processed-event';
import { inTransactionOpenedWith } from './in-transaction';
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

  it('claims once through the statement sent with the begin of the transaction, whatever the consumer name holds', async () => {
    const claim = { consumer: "o'brien\\saga", eventId: crypto.randomUUID() };
    const rowCounts: (number | null)[] = [];
    for (let delivery = 0; delivery < 2; delivery++) {
      await inTransactionOpenedWith(database.pool, claimStatement(claim), async (_client, opened) => {
        rowCounts.push(opened.rowCount);
      });
    }
    expect(rowCounts).toEqual([1, 0]);
    expect(await claimProcessedEvent(database.pool, claim)).toBe(false);
  });

  it('rolls the claim sent with the begin back with the work that failed after it', async () => {
    const claim = { consumer: 'products-saga', eventId: crypto.randomUUID() };
    const failing = inTransactionOpenedWith(database.pool, claimStatement(claim), () =>
      Promise.reject(new Error('the side effect failed')),
    );
    await expect(failing).rejects.toThrow('the side effect failed');
    expect(await claimProcessedEvent(database.pool, claim)).toBe(true);
  });

  it('never runs the work when the statement sent with the begin fails, and leaves the connection usable', async () => {
    let ran = false;
    const refused = inTransactionOpenedWith(
      database.pool,
      claimStatement({ consumer: 'a', eventId: 'not-a-uuid' }),
      () => {
        ran = true;
        return Promise.resolve();
      },
    );
    await expect(refused).rejects.toThrow(/uuid/);
    expect(ran).toBe(false);
    const claim = { consumer: 'a', eventId: crypto.randomUUID() };
    expect(
      await inTransactionOpenedWith(database.pool, claimStatement(claim), async (_c, opened) => opened.rowCount),
    ).toBe(1);
  });
});
