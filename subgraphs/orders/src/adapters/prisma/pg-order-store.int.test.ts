import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderPlacedV1 } from '@shopgraph/events/order-events';
import type { Identity } from '@shopgraph/service-kit/identity';
import { newId } from '@shopgraph/service-kit/ids';
import { cancelOrder } from '../../application/cancel-order';
import { placeOrder } from '../../application/place-order';
import { logEntry } from '../../application/order-changes';
import { cancel, place } from '../../domain/order-lifecycle';
import type { Order } from '../../domain/order';
import type { PlaceOrderRequest } from '../../domain/order-placement';
import { expectedRecorded, forceStatus, openOrdersDatabase, rowCounts, traceOf } from '../../testing/orders-database';
import type { OrdersDatabase } from '../../testing/orders-database';
import { PgOrderStore } from './pg-order-store';

const customerOf = (userId: string): Identity => ({ kind: 'user', userId, role: 'CUSTOMER' });
const request = (overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  items: [
    { productId: newId(), quantity: 2 },
    { productId: newId(), quantity: 1 },
  ],
  paymentToken: 'tok_visa',
  idempotencyKey: newId(),
  ...overrides,
});

const placedPayload = (order: Order) => ({
  orderId: order.id,
  customerId: order.customerId,
  lines: order.lines.map(({ productId, quantity }) => ({ productId, quantity })),
  paymentToken: 'tok_visa',
});

describe('placeOrder and cancelOrder on PostgreSQL', () => {
  let db: OrdersDatabase;
  let store: PgOrderStore;
  let placeAs: ReturnType<typeof placeOrder>;
  let cancelAs: ReturnType<typeof cancelOrder>;

  beforeAll(async () => {
    db = await openOrdersDatabase();
    store = new PgOrderStore(db.pool);
    placeAs = placeOrder({ orders: store });
    cancelAs = cancelOrder({ orders: store });
  });
  afterAll(() => db.close());

  describe('placeOrder', () => {
    it('writes the PENDING order, its lines, order.placed and a PLACED log row with the event ID', async () => {
      const customerId = newId();
      const input = request();
      const order = await placeAs(customerOf(customerId), input);
      const trace = await traceOf(db.pool, order.id);
      expect(trace.order).toMatchObject({ status: 'PENDING', total: null, key: input.idempotencyKey });
      expect(trace.order?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(trace.items).toEqual(input.items.map((item, position) => ({ position, ...item, unitPrice: null })));
      expect(trace.outbox).toEqual([
        {
          id: expect.any(String),
          type: 'order.placed',
          payload: { orderId: order.id, customerId, lines: input.items, paymentToken: 'tok_visa' },
        },
      ]);
      expect(trace.log).toEqual([{ id: trace.outbox[0]?.id, type: 'PLACED', customerId }]);
      expect(trace.recorded).toEqual(expectedRecorded(trace, order.id));
      expect(trace.recorded).toHaveLength(1);
    });

    it('writes all of it in one transaction: an event the outbox refuses leaves no order, log row or announcement', async () => {
      const before = await rowCounts(db.pool);
      const order = place({
        id: newId(),
        customerId: newId(),
        lines: [{ productId: newId(), quantity: 1 }],
        at: new Date(),
      });
      const event = {
        ...orderPlacedV1.create({
          aggregateId: order.id,
          payload: {
            orderId: order.id,
            customerId: order.customerId,
            lines: [...order.lines],
            paymentToken: 'tok_visa',
          },
        }),
        id: 'not-a-uuid',
      };
      const log = [logEntry(order, { id: newId(), occurredAt: event.occurredAt }, 'PLACED')];
      const attempt = store.place({ order, events: [event], log, idempotencyKey: 'k', fingerprint: 'f' });
      await expect(attempt).rejects.toThrow();
      expect(await rowCounts(db.pool)).toEqual(before);
    });

    it.each<[string, Partial<PlaceOrderRequest>]>([
      ['no items', { items: [] }],
      ['a quantity of 101', { items: [{ productId: newId(), quantity: 101 }] }],
      [
        'one product twice',
        {
          items: Array.from({ length: 2 }, () => ({ productId: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', quantity: 1 })),
        },
      ],
      ['an unknown payment token', { paymentToken: 'tok_stolen' }],
      ['an idempotency key of 101 characters', { idempotencyKey: 'k'.repeat(101) }],
    ])('refuses %s as invalid and writes nothing', async (_, change) => {
      const before = await rowCounts(db.pool);
      await expect(placeAs(customerOf(newId()), request(change))).rejects.toMatchObject({ kind: 'invalid' });
      expect(await rowCounts(db.pool)).toEqual(before);
    });

    it('refuses an anonymous caller and writes nothing', async () => {
      const before = await rowCounts(db.pool);
      await expect(placeAs({ kind: 'anonymous' }, request())).rejects.toMatchObject({ kind: 'unauthenticated' });
      expect(await rowCounts(db.pool)).toEqual(before);
    });

    it('returns the same order, and publishes nothing more, for a retry with the same key and input', async () => {
      const customer = customerOf(newId());
      const input = request();
      const first = await placeAs(customer, input);
      const retry = await placeAs(customer, {
        ...input,
        items: input.items.map((i) => ({ ...i, productId: i.productId.toUpperCase() })),
      });
      expect(retry).toEqual(first);
      const trace = await traceOf(db.pool, first.id);
      expect([trace.outbox.length, trace.log.length]).toEqual([1, 1]);
    });

    it('refuses the same key with other items or another token as CONFLICT and writes nothing', async () => {
      const customer = customerOf(newId());
      const input = request();
      await placeAs(customer, input);
      const before = await rowCounts(db.pool);
      const [first, second] = input.items;
      for (const change of [{ paymentToken: 'tok_slow' }, { items: [second, first].filter((i) => i !== undefined) }]) {
        await expect(placeAs(customer, { ...input, ...change })).rejects.toMatchObject({ kind: 'conflict' });
      }
      expect(await rowCounts(db.pool)).toEqual(before);
    });

    it('scopes a key to its customer: two customers may use the same key', async () => {
      const input = request();
      const [a, b] = await Promise.all([placeAs(customerOf(newId()), input), placeAs(customerOf(newId()), input)]);
      expect(a.id).not.toBe(b.id);
    });

    it('makes one order, one order.placed with its one log row and announcement of 50 concurrent identical calls', async () => {
      const customer = customerOf(newId());
      const input = request();
      const before = await rowCounts(db.pool);
      const orders = await Promise.all(Array.from({ length: 50 }, () => placeAs(customer, input)));
      expect(new Set(orders.map((order) => order.id)).size).toBe(1);
      const after = await rowCounts(db.pool);
      expect({ orders: after['orders'], outbox: after['outbox'], log: after['log'] }).toEqual({
        orders: (before['orders'] ?? 0) + 1,
        outbox: (before['outbox'] ?? 0) + 2,
        log: (before['log'] ?? 0) + 1,
      });
    });
  });

  describe('cancelOrder', () => {
    const placed = async (customerId = newId()) => placeAs(customerOf(customerId), request());

    it.each(['PENDING', 'AWAITING_PAYMENT'])(
      'cancels a %s order with order.cancelled and a CANCELLED log row',
      async (status) => {
        const order = await placed();
        await forceStatus(db.pool, order.id, status);
        const cancelled = await cancelAs(customerOf(order.customerId), order.id);
        expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'cancelled_by_customer' });
        const trace = await traceOf(db.pool, order.id);
        expect(trace.order).toMatchObject({ status: 'CANCELLED', reason: 'cancelled_by_customer' });
        expect(trace.outbox.map(({ type, payload }) => [type, payload])).toEqual([
          ['order.placed', expect.anything()],
          ['order.cancelled', { orderId: order.id, reason: 'cancelled_by_customer' }],
        ]);
        expect(trace.log.map(({ id, type }) => [id, type])).toEqual([
          [trace.outbox[0]?.id, 'PLACED'],
          [trace.outbox[1]?.id, 'CANCELLED'],
        ]);
        expect(trace.recorded).toEqual(expectedRecorded(trace, order.id));
        expect(trace.recorded.map(({ orderEventType }) => orderEventType)).toEqual(['PLACED', 'CANCELLED']);
      },
    );

    it('rolls the log row and its announcement back with the state change when the outbox refuses an event', async () => {
      const order = await placed();
      const before = await rowCounts(db.pool);
      const refused = store.change(order.id, (current) => {
        if (current === undefined) throw new Error('the order vanished');
        const at = new Date();
        const event = {
          ...orderPlacedV1.create({ aggregateId: order.id, payload: placedPayload(current) }),
          id: 'bad',
        };
        const log = [logEntry(current, { id: newId(), occurredAt: at.toISOString() }, 'CANCELLED')];
        return { order: cancel(current, 'cancelled_by_customer', at), changed: true, events: [event], log };
      });
      await expect(refused).rejects.toThrow();
      expect(await rowCounts(db.pool)).toEqual(before);
      expect((await traceOf(db.pool, order.id)).order?.status).toBe('PENDING');
    });

    it('returns a CANCELLED order unchanged and writes nothing when cancelled again', async () => {
      const order = await placed();
      const first = await cancelAs(customerOf(order.customerId), order.id);
      const before = await rowCounts(db.pool);
      expect(await cancelAs(customerOf(order.customerId), order.id)).toEqual(first);
      expect(await rowCounts(db.pool)).toEqual(before);
    });

    it('refuses a CONFIRMED order with CONFLICT and leaves it CONFIRMED', async () => {
      const order = await placed();
      await forceStatus(db.pool, order.id, 'CONFIRMED');
      await expect(cancelAs(customerOf(order.customerId), order.id)).rejects.toMatchObject({ kind: 'conflict' });
      const trace = await traceOf(db.pool, order.id);
      expect([trace.order?.status, trace.outbox.length, trace.log.length]).toEqual(['CONFIRMED', 1, 1]);
    });

    it("refuses another customer's order as FORBIDDEN and an unknown one as NOT_FOUND; an ADMIN may cancel", async () => {
      const order = await placed();
      await expect(cancelAs(customerOf(newId()), order.id)).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(cancelAs(customerOf(order.customerId), newId())).rejects.toMatchObject({ kind: 'not_found' });
      expect((await traceOf(db.pool, order.id)).order?.status).toBe('PENDING');
      const admin: Identity = { kind: 'user', userId: newId(), role: 'ADMIN' };
      expect(await cancelAs(admin, order.id)).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'cancelled_by_customer',
      });
    });
  });
});
