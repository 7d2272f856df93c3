import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { restockProduct } from '../../application/restock-product';
import { ADMIN } from '../../testing/product-mother';
import {
  createSagaFixture,
  orderCancelled,
  orderConfirmed,
  orderPlaced,
  stockInvariantViolations,
} from '../../testing/saga-fixture';
import type { SagaFixture } from '../../testing/saga-fixture';
import { stockLedger } from '../prisma/stock-ledger';

const countEvents = async (saga: SagaFixture, type: string): Promise<number> => {
  const { rows } = await saga.pool.query<{ count: number }>(
    'select count(*)::int as count from outbox where type = $1',
    [type],
  );
  return rows[0]?.count ?? -1;
};

describe('the products saga consumer under concurrency', () => {
  let saga: SagaFixture;

  beforeAll(async () => {
    saga = await createSagaFixture({ max: 20 });
  });
  afterEach(async () => {
    expect(await stockInvariantViolations(saga.pool)).toEqual([]);
    // each test starts from an empty catalogue, so the counts of events are its own
    await saga.pool.query('truncate outbox, processed_events, reservations, products');
  });
  afterAll(() => saga.close());

  it('reserves exactly the 10 units in stock for 50 concurrent single-unit orders and refuses the other 40', async () => {
    const lamp = await saga.aProduct({ stock: 10 });
    const orders = Array.from({ length: 50 }, () => orderPlaced([{ productId: lamp, quantity: 1 }]));
    await Promise.all(orders.map((event) => saga.handle(event)));
    expect(await stockLedger(saga.pool, lamp)).toEqual({ received: 10, available: 0, reserved: 10, sold: 0 });
    expect(await countEvents(saga, 'stock.reserved')).toBe(10);
    expect(await countEvents(saga, 'stock.rejected')).toBe(40);
  });

  it('refuses an order for a sold-out product while another transaction holds the product row', async () => {
    const lamp = await saga.aProduct({ stock: 1 });
    await saga.handle(orderPlaced([{ productId: lamp, quantity: 1 }]));
    const holder = await saga.pool.connect();
    try {
      // a reservation or restock in progress holds the row until it commits
      await holder.query('begin');
      await holder.query('select 1 from products where id = $1 for update', [lamp]);
      // the refusal reads the last committed stock (0) and takes no lock: it completes meanwhile
      await saga.handle(orderPlaced([{ productId: lamp, quantity: 1 }]));
      expect(await countEvents(saga, 'stock.rejected')).toBe(1);
    } finally {
      await holder.query('commit');
      holder.release();
    }
    expect(await stockLedger(saga.pool, lamp)).toEqual({ received: 1, available: 0, reserved: 1, sold: 0 });
  });

  it('never deadlocks or oversells when concurrent orders name the same products in opposite orders', async () => {
    const lamp = await saga.aProduct({ stock: 15 });
    const mug = await saga.aProduct({ stock: 15 });
    const orders = Array.from({ length: 30 }, (_, n) =>
      orderPlaced(
        n % 2 === 0
          ? [
              { productId: lamp, quantity: 1 },
              { productId: mug, quantity: 1 },
            ]
          : [
              { productId: mug, quantity: 1 },
              { productId: lamp, quantity: 1 },
            ],
      ),
    );
    // a deadlock would make a handler throw, and Promise.all reject
    await Promise.all(orders.map((event) => saga.handle(event)));
    expect(await stockLedger(saga.pool, lamp)).toMatchObject({ available: 0, reserved: 15 });
    expect(await stockLedger(saga.pool, mug)).toMatchObject({ available: 0, reserved: 15 });
  });

  it('never deadlocks when cancellations of two-product orders race with new orders for the same products', async () => {
    const lamp = await saga.aProduct({ stock: 10 });
    const mug = await saga.aProduct({ stock: 10 });
    const bothProducts = (n: number) =>
      n % 2 === 0
        ? [
            { productId: mug, quantity: 1 },
            { productId: lamp, quantity: 1 },
          ]
        : [
            { productId: lamp, quantity: 1 },
            { productId: mug, quantity: 1 },
          ];
    const first = Array.from({ length: 10 }, (_, n) => orderPlaced(bothProducts(n)));
    for (const event of first) await saga.handle(event);
    const second = Array.from({ length: 10 }, (_, n) => orderPlaced(bothProducts(n)));
    await Promise.all([
      ...first.map((event) => saga.handle(orderCancelled(event.aggregateId))),
      ...second.map((event) => saga.handle(event)),
    ]);
    const reservedNow = (await countEvents(saga, 'stock.reserved')) - 10;
    expect(await countEvents(saga, 'stock.released')).toBe(10);
    expect(await stockLedger(saga.pool, lamp)).toEqual({
      received: 10,
      available: 10 - reservedNow,
      reserved: reservedNow,
      sold: 0,
    });
  });

  it('counts every restock that races with reservations, confirmations and cancellations', async () => {
    const restock = restockProduct({ products: saga.products });
    const lamp = await saga.aProduct({ stock: 5 });
    const orders = Array.from({ length: 30 }, () => orderPlaced([{ productId: lamp, quantity: 1 }]));
    const restocks = Array.from({ length: 10 }, () => restock(ADMIN, { id: lamp, quantity: 2 }));
    await Promise.all([...orders.map((event) => saga.handle(event)), ...restocks]);
    const reserved = await countEvents(saga, 'stock.reserved');
    // each order is followed by its end, half cancelled and half confirmed, while more restocks land
    const endings = orders.map((event, n) =>
      saga.handle(n % 2 === 0 ? orderCancelled(event.aggregateId) : orderConfirmed(event.aggregateId)),
    );
    await Promise.all([...endings, restock(ADMIN, { id: lamp, quantity: 3 })]);
    const ledger = await stockLedger(saga.pool, lamp);
    expect(ledger.received).toBe(5 + 10 * 2 + 3);
    expect(ledger.reserved).toBe(0);
    expect(ledger.sold + ledger.available).toBe(ledger.received);
    expect(reserved).toBeGreaterThanOrEqual(5);
  });
});
