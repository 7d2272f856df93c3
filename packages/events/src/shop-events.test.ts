import { describe, expect, it } from 'vitest';
import { eventEnvelopeSchema } from './envelope';
import { eventSubject } from './event-subject';
import { orderCancelledV1, orderConfirmedV1, orderEventRecordedV1, orderPlacedV1 } from './order-events';
import { paymentCapturedV1, paymentFailedV1, paymentRefundedV1 } from './payment-events';
import { productCreatedV1 } from './product-events';
import { shopEvents } from './shop-events';
import {
  STOCK_REJECTION_REASONS,
  stockRejectedV1,
  stockRejectedV2,
  stockReleasedV1,
  stockReservedV1,
  stockRestockedV1,
} from './stock-events';

const orderId = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const productId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const paymentId = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const customerId = '2b3c4d5e-6f70-4a1b-9c2d-3e4f5a6b7c8d';
const orderEventId = '3c4d5e6f-7081-4b2c-8d3e-4f5a6b7c8d9e';

// one valid payload per contract, written as a producer would
const examples = [
  orderPlacedV1.create({
    aggregateId: orderId,
    payload: { orderId, customerId, lines: [{ productId, quantity: 2 }], paymentToken: 'tok_visa' },
  }),
  stockReservedV1.create({
    aggregateId: orderId,
    payload: {
      orderId,
      lines: [{ productId, quantity: 2, unitPrice: 1_250, currency: 'EUR' }],
      total: 2_500,
      currency: 'EUR',
    },
  }),
  stockRejectedV1.create({ aggregateId: orderId, payload: { orderId, reason: 'out_of_stock' } }),
  stockRejectedV2.create({ aggregateId: orderId, payload: { orderId, reason: 'total_over_limit' } }),
  stockReleasedV1.create({ aggregateId: orderId, payload: { orderId } }),
  paymentCapturedV1.create({ aggregateId: orderId, payload: { orderId, paymentId, amount: 2_500, currency: 'EUR' } }),
  paymentFailedV1.create({ aggregateId: orderId, payload: { orderId, paymentId, reason: 'card_declined' } }),
  paymentRefundedV1.create({ aggregateId: orderId, payload: { orderId, paymentId, amount: 2_500, currency: 'EUR' } }),
  orderConfirmedV1.create({ aggregateId: orderId, payload: { orderId } }),
  orderCancelledV1.create({ aggregateId: orderId, payload: { orderId, reason: 'payment failed' } }),
  orderEventRecordedV1.create({
    aggregateId: orderId,
    payload: { orderId, customerId, orderEventId, sequence: 3, orderEventType: 'PAYMENT_CAPTURED' },
  }),
  productCreatedV1.create({ aggregateId: productId, payload: { productId } }),
  stockRestockedV1.create({ aggregateId: productId, payload: { productId, quantity: 5, stock: 12 } }),
];

const contractOf = (event: { type: string; version: number }) =>
  shopEvents.find((candidate) => candidate.type === event.type && candidate.version === event.version);

const MAX = Number.MAX_SAFE_INTEGER;

describe('the order saga contracts', () => {
  it('has one example here for each contract', () => {
    const key = ({ type, version }: { type: string; version: number }) => `${type}@${version}`;
    expect(examples.map(key)).toEqual(shopEvents.map(key));
  });

  it.each(examples)('round-trips $type through JSON', (event) => {
    const contract = contractOf(event);
    const received = eventEnvelopeSchema.parse(JSON.parse(JSON.stringify(event)));
    expect(received.version).toBe(event.version);
    expect(contract?.parse(received.payload)).toEqual(event.payload);
  });

  it.each(examples)('ignores unknown fields in $type, at the top and in nested objects', (event) => {
    const contract = contractOf(event);
    const extended = { ...event.payload, addedLater: true };
    if ('lines' in extended) extended.lines = extended.lines.map((line) => ({ ...line, giftWrap: true }));
    expect(contract?.parse(extended)).toEqual(event.payload);
  });

  it('keeps money in integer minor units', () => {
    const payload = { orderId, paymentId, amount: 12.5, currency: 'EUR' };
    expect(() => paymentCapturedV1.parse(payload)).toThrow(/int/i);
    expect(() => paymentCapturedV1.parse({ ...payload, amount: -1 })).toThrow();
    expect(() => paymentCapturedV1.parse({ ...payload, amount: 1, currency: 'euro' })).toThrow(/ISO 4217/);
  });

  it('carries amounts beyond 32 bits up to 2^53 − 1, and refuses larger ones', () => {
    const payload = { orderId, paymentId, amount: 2_200_000_000, currency: 'EUR' };
    expect(paymentCapturedV1.parse(payload).amount).toBe(2_200_000_000);
    expect(paymentRefundedV1.parse({ ...payload, amount: MAX }).amount).toBe(MAX);
    expect(() => paymentCapturedV1.parse({ ...payload, amount: MAX + 1 })).toThrow();
    const line = { productId, quantity: 22, unitPrice: 100_000_000, currency: 'EUR' };
    const reserved = { orderId, lines: [line], total: 2_200_000_000, currency: 'EUR' };
    expect(stockReservedV1.parse(reserved).total).toBe(2_200_000_000);
    expect(() => stockReservedV1.parse({ ...reserved, total: 2 ** 53 })).toThrow();
  });

  it('takes total_over_limit, and any later reason, only from stock.rejected version 2', () => {
    expect(stockRejectedV2.parse({ orderId, reason: 'total_over_limit' }).reason).toBe('total_over_limit');
    expect(stockRejectedV2.parse({ orderId, reason: 'a_reason_added_later' }).reason).toBe('a_reason_added_later');
    expect(() => stockRejectedV2.parse({ orderId, reason: '' })).toThrow();
    expect(() => stockRejectedV1.parse({ orderId, reason: 'total_over_limit' })).toThrow();
    expect(STOCK_REJECTION_REASONS).toContain('total_over_limit');
  });

  it('refuses a reason outside the enumerated ones', () => {
    expect(() => stockRejectedV1.parse({ orderId, reason: 'on_holiday' })).toThrow();
    expect(() => paymentFailedV1.parse({ orderId, paymentId, reason: 'insufficient_funds' })).toThrow();
  });

  it('refuses an order event of a type clients do not know, or without a positive sequence', () => {
    const payload = { orderId, customerId, orderEventId, sequence: 1, orderEventType: 'PLACED' };
    expect(orderEventRecordedV1.parse(payload)).toEqual(payload);
    expect(() => orderEventRecordedV1.parse({ ...payload, orderEventType: 'SHIPPED' })).toThrow();
    expect(() => orderEventRecordedV1.parse({ ...payload, sequence: 0 })).toThrow();
  });

  it('refuses an order without lines', () => {
    expect(() => orderPlacedV1.parse({ orderId, customerId, lines: [], paymentToken: 'tok' })).toThrow();
  });

  it('publishes each type under the shop namespace', () => {
    expect(eventSubject(orderPlacedV1.type)).toBe('shop.order.placed');
    const versions = new Set(shopEvents.map((contract) => `${contract.type}@${contract.version}`));
    expect(versions.size).toBe(shopEvents.length);
  });
});
