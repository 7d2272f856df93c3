import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shopgraph/service-kit/ids';
import {
  createSagaFixture,
  orderCancelled,
  orderConfirmed,
  orderPlaced,
  outboxFor,
  reservationsOf,
  stockInvariantViolations,
} from '../../testing/saga-fixture';
import type { SagaFixture } from '../../testing/saga-fixture';
import { stockLedger } from '../prisma/stock-ledger';

describe('the products saga consumer on PostgreSQL', () => {
  let saga: SagaFixture;
  const ledger = (productId: string) => stockLedger(saga.pool, productId);

  beforeAll(async () => {
    saga = await createSagaFixture();
  });
  afterEach(async () => {
    expect(await stockInvariantViolations(saga.pool)).toEqual([]);
  });
  afterAll(() => saga.close());

  /** Places an order that reserves one line and returns its id. */
  async function reservedOrder(productId: string, quantity: number): Promise<string> {
    const placed = orderPlaced([{ productId, quantity }]);
    await saga.handle(placed);
    return placed.aggregateId;
  }

  describe('order.placed', () => {
    it('reserves every line at the current price and announces stock.reserved in the order of the lines', async () => {
      const lamp = await saga.aProduct({ price: { amount: 1_999, currency: 'EUR' }, stock: 5 });
      const mug = await saga.aProduct({ price: { amount: 450, currency: 'EUR' }, stock: 2 });
      const placed = orderPlaced([
        { productId: mug, quantity: 2 },
        { productId: lamp, quantity: 3 },
      ]);
      await saga.handle(placed);
      const orderId = placed.aggregateId;
      expect(await outboxFor(saga.pool, orderId)).toEqual([
        {
          type: 'stock.reserved',
          aggregateId: orderId,
          payload: {
            orderId,
            lines: [
              { productId: mug, quantity: 2, unitPrice: 450, currency: 'EUR' },
              { productId: lamp, quantity: 3, unitPrice: 1_999, currency: 'EUR' },
            ],
            total: 2 * 450 + 3 * 1_999,
            currency: 'EUR',
          },
        },
      ]);
      expect(await ledger(lamp)).toEqual({ received: 5, available: 2, reserved: 3, sold: 0 });
      expect(await ledger(mug)).toEqual({ received: 2, available: 0, reserved: 2, sold: 0 });
      expect(await reservationsOf(saga.pool, orderId)).toEqual({
        [lamp]: { state: 'reserved', quantity: 3 },
        [mug]: { state: 'reserved', quantity: 2 },
      });
    });

    it.each([
      ['unknown_product', { stock: 5, currency: 'EUR' }, { productId: newId(), quantity: 1 }],
      ['out_of_stock', { stock: 5, currency: 'EUR' }, { productId: 'second', quantity: 6 }],
      ['mixed_currency', { stock: 5, currency: 'USD' }, { productId: 'second', quantity: 1 }],
    ] as const)('refuses the whole order as %s and changes no stock', async (reason, second, secondLine) => {
      const first = await saga.aProduct({ stock: 5, price: { amount: 100, currency: 'EUR' } });
      const other = await saga.aProduct({ stock: second.stock, price: { amount: 100, currency: second.currency } });
      const line = { ...secondLine, productId: secondLine.productId === 'second' ? other : secondLine.productId };
      const placed = orderPlaced([{ productId: first, quantity: 1 }, line]);
      await saga.handle(placed);
      expect(await outboxFor(saga.pool, placed.aggregateId)).toEqual([
        { type: 'stock.rejected', aggregateId: placed.aggregateId, payload: { orderId: placed.aggregateId, reason } },
      ]);
      expect(await ledger(first)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 });
      expect(await ledger(other)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 });
      expect(await reservationsOf(saga.pool, placed.aggregateId)).toEqual({});
    });

    it('refuses 22 units at 100,000,000 as total_over_limit with stock.rejected v2, reserving nothing', async () => {
      const dear = await saga.aProduct({ stock: 22, price: { amount: 100_000_000, currency: 'EUR' } });
      const placed = orderPlaced([{ productId: dear, quantity: 22 }]);
      await saga.handle(placed);
      const orderId = placed.aggregateId;
      const { rows } = await saga.pool.query<{ version: number }>(
        'select version from outbox where aggregate_id = $1',
        [orderId],
      );
      expect(rows).toEqual([{ version: 2 }]);
      expect(await outboxFor(saga.pool, orderId)).toEqual([
        { type: 'stock.rejected', aggregateId: orderId, payload: { orderId, reason: 'total_over_limit' } },
      ]);
      expect(await ledger(dear)).toEqual({ received: 22, available: 22, reserved: 0, sold: 0 });
    });

    it('does nothing when the same event is delivered again', async () => {
      const lamp = await saga.aProduct({ stock: 5 });
      const placed = orderPlaced([{ productId: lamp, quantity: 2 }]);
      await saga.handle(placed);
      await saga.handle(placed);
      expect(await ledger(lamp)).toEqual({ received: 5, available: 3, reserved: 2, sold: 0 });
      expect((await outboxFor(saga.pool, placed.aggregateId)).map((e) => e.type)).toEqual(['stock.reserved']);
    });

    it('reserves nothing more for an order that already has reservations, even under another event id', async () => {
      const lamp = await saga.aProduct({ stock: 5 });
      const orderId = newId();
      await saga.handle(orderPlaced([{ productId: lamp, quantity: 2 }], orderId));
      await saga.handle(orderPlaced([{ productId: lamp, quantity: 2 }], orderId));
      expect(await ledger(lamp)).toEqual({ received: 5, available: 3, reserved: 2, sold: 0 });
      expect((await outboxFor(saga.pool, orderId)).map((e) => e.type)).toEqual(['stock.reserved']);
    });
  });

  describe('order.confirmed', () => {
    it('turns the reservation into a sale and announces nothing', async () => {
      const lamp = await saga.aProduct({ stock: 5 });
      const orderId = await reservedOrder(lamp, 2);
      await saga.handle(orderConfirmed(orderId));
      expect(await ledger(lamp)).toEqual({ received: 5, available: 3, reserved: 0, sold: 2 });
      expect((await outboxFor(saga.pool, orderId)).map((e) => e.type)).toEqual(['stock.reserved']);
    });
  });

  describe('order.cancelled', () => {
    it('releases the reservation, puts its units back in stock and announces stock.released once, naming its products', async () => {
      const lamp = await saga.aProduct({ stock: 5 });
      const mug = await saga.aProduct({ stock: 1 });
      const placed = orderPlaced([
        { productId: lamp, quantity: 2 },
        { productId: mug, quantity: 1 },
      ]);
      await saga.handle(placed);
      const cancelled = orderCancelled(placed.aggregateId);
      await saga.handle(cancelled);
      await saga.handle(cancelled);
      expect(await ledger(lamp)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 });
      expect(await ledger(mug)).toEqual({ received: 1, available: 1, reserved: 0, sold: 0 });
      expect(await outboxFor(saga.pool, placed.aggregateId)).toEqual([
        expect.objectContaining({ type: 'stock.reserved' }),
        {
          type: 'stock.released',
          aggregateId: placed.aggregateId,
          payload: { orderId: placed.aggregateId, productIds: [lamp, mug].sort() },
        },
      ]);
      expect(Object.values(await reservationsOf(saga.pool, placed.aggregateId)).map((r) => r.state)).toEqual([
        'released',
        'released',
      ]);
    });

    it('changes nothing and announces nothing after the order was confirmed', async () => {
      const lamp = await saga.aProduct({ stock: 5 });
      const orderId = await reservedOrder(lamp, 2);
      await saga.handle(orderConfirmed(orderId));
      await saga.handle(orderCancelled(orderId));
      expect(await ledger(lamp)).toEqual({ received: 5, available: 3, reserved: 0, sold: 2 });
      expect((await outboxFor(saga.pool, orderId)).map((e) => e.type)).toEqual(['stock.reserved']);
    });

    it('announces nothing for an order that was refused', async () => {
      const lamp = await saga.aProduct({ stock: 1 });
      const placed = orderPlaced([{ productId: lamp, quantity: 2 }]);
      await saga.handle(placed);
      await saga.handle(orderCancelled(placed.aggregateId, 'out_of_stock'));
      expect(await ledger(lamp)).toEqual({ received: 1, available: 1, reserved: 0, sold: 0 });
      expect((await outboxFor(saga.pool, placed.aggregateId)).map((e) => e.type)).toEqual(['stock.rejected']);
    });

    it('keeps a released reservation released when the order is confirmed afterwards', async () => {
      const lamp = await saga.aProduct({ stock: 5 });
      const orderId = await reservedOrder(lamp, 2);
      await saga.handle(orderCancelled(orderId));
      await saga.handle(orderConfirmed(orderId));
      expect(await ledger(lamp)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 });
    });
  });

  describe('events in any order', () => {
    it('reserves nothing for an order.placed that comes after its order.cancelled, and announces nothing', async () => {
      const lamp = await saga.aProduct({ stock: 5 });
      const placed = orderPlaced([{ productId: lamp, quantity: 2 }]);
      await saga.handle(orderCancelled(placed.aggregateId, 'settle_deadline'));
      await saga.handle(placed);
      await saga.handle(orderCancelled(placed.aggregateId, 'settle_deadline'));
      expect(await ledger(lamp)).toEqual({ received: 5, available: 5, reserved: 0, sold: 0 });
      expect(await outboxFor(saga.pool, placed.aggregateId)).toEqual([]);
      expect(await reservationsOf(saga.pool, placed.aggregateId)).toEqual({});
    });

    it('leaves nothing reserved when order.placed and order.cancelled of one order are delivered at once', async () => {
      const lamp = await saga.aProduct({ stock: 40 });
      const orders = Array.from({ length: 20 }, () => orderPlaced([{ productId: lamp, quantity: 2 }]));
      await Promise.all(
        orders.flatMap((placed) => [saga.handle(placed), saga.handle(orderCancelled(placed.aggregateId))]),
      );
      expect(await ledger(lamp)).toEqual({ received: 40, available: 40, reserved: 0, sold: 0 });
    });

    it('changes nothing on a late order.confirmed or order.cancelled, whatever state the reservation is in', async () => {
      const lamp = await saga.aProduct({ stock: 5 });
      const sold = await reservedOrder(lamp, 2);
      const released = await reservedOrder(lamp, 1);
      await saga.handle(orderConfirmed(sold));
      await saga.handle(orderCancelled(released));
      for (const orderId of [sold, released]) {
        await saga.handle(orderConfirmed(orderId));
        await saga.handle(orderCancelled(orderId));
      }
      expect(await ledger(lamp)).toEqual({ received: 5, available: 3, reserved: 0, sold: 2 });
      expect((await outboxFor(saga.pool, released)).map((e) => e.type)).toEqual(['stock.reserved', 'stock.released']);
    });
  });
});
