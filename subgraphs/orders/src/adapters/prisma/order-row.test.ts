import { describe, expect, it } from 'vitest';
import { toOrder } from './order-row';
import type { OrderRow } from './order-row';

const row = (overrides: Partial<OrderRow> = {}): OrderRow => ({
  id: '6f9f3c1e-1d2b-4c6a-9a51-0d7d1f3b2a10',
  customer_id: '0b7e6b0c-3f0e-4d7c-8f5e-5a1c2d3e4f50',
  status: 'CONFIRMED',
  cancellation_reason: null,
  total_amount: 2_500,
  currency: 'EUR',
  created_at: new Date('2026-03-01T12:00:00.123Z'),
  updated_at: new Date('2026-03-01T12:05:00.000Z'),
  items: [{ productId: 'p-1', quantity: 2, unitPrice: 1_250, currency: 'EUR' }],
  ...overrides,
});

describe('order row mapping', () => {
  it('reads lines handed over as JSON text the same as parsed JSON', () => {
    const text = toOrder(row({ items: '[{"productId":"p-1","quantity":2,"unitPrice":1250,"currency":"EUR"}]' }));
    expect(text.lines).toEqual(toOrder(row()).lines);
    expect(text.lines).toEqual([{ productId: 'p-1', quantity: 2, unitPrice: { amount: 1_250, currency: 'EUR' } }]);
  });

  it('maps a missing price or total to null, never to a zero amount', () => {
    const order = toOrder(
      row({ total_amount: null, currency: null, items: [{ productId: 'p', quantity: 1, unitPrice: null }] }),
    );
    expect(order.total).toBeNull();
    expect(order.lines[0]?.unitPrice).toBeNull();
  });

  it('reads BIGINT amounts beyond 32 bits exactly, as Prisma (bigint) or pg (string) hand them over', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const items = [{ productId: 'p-1', quantity: 1, unitPrice: max, currency: 'EUR' }];
    expect(toOrder(row({ total_amount: 2_200_000_000n })).total).toEqual({ amount: 2_200_000_000, currency: 'EUR' });
    expect(toOrder(row({ total_amount: String(max), items })).total?.amount).toBe(max);
    expect(toOrder(row({ items })).lines[0]?.unitPrice?.amount).toBe(max);
  });

  it('refuses an amount a number cannot hold exactly instead of rounding it', () => {
    expect(() => toOrder(row({ total_amount: 2n ** 53n }))).toThrow(/orders\.total_amount/);
    const items = [{ productId: 'p-1', quantity: 1, unitPrice: 2 ** 53, currency: 'EUR' }];
    expect(() => toOrder(row({ items }))).toThrow(/order_items\.unit_price/);
  });

  it('reads a timestamp without an offset as UTC', () => {
    const order = toOrder(row({ created_at: '2026-03-01 12:00:00.123', updated_at: '2026-03-01T13:00:00+01:00' }));
    expect(order.createdAt.toISOString()).toBe('2026-03-01T12:00:00.123Z');
    expect(order.updatedAt.toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });

  it('copies only whitelisted fields, whatever else the row carries', () => {
    const order = toOrder({ ...row(), internal_note: 'secret' } as OrderRow);
    expect(Object.keys(order).sort()).toEqual(
      ['cancellationReason', 'createdAt', 'customerId', 'id', 'lines', 'status', 'total', 'updatedAt'].sort(),
    );
  });

  it('refuses a row it cannot trust instead of inventing data', () => {
    expect(() => toOrder(row({ status: 'SHIPPED' }))).toThrow(/status/);
    expect(() => toOrder(row({ items: '{"not":"a list"}' }))).toThrow(/order lines/);
    expect(() => toOrder(row({ items: [{ quantity: 1 }] }))).toThrow(/order line/);
    expect(() => toOrder(row({ created_at: 'yesterday' }))).toThrow(/timestamp/);
  });
});
