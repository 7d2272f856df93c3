import { describe, expect, it } from 'vitest';
import { decideReservation, mergeLines } from './stock-reservation';
import type { StockedProduct } from './stock-reservation';
import { MAX_ORDER_TOTAL } from './order-total-limit';

const lamp: StockedProduct = { id: 'lamp', price: { amount: 1_999, currency: 'EUR' }, stock: 5 };
const mug: StockedProduct = { id: 'mug', price: { amount: 450, currency: 'EUR' }, stock: 1 };
const dollarMug: StockedProduct = { id: 'dollar-mug', price: { amount: 500, currency: 'USD' }, stock: 9 };

describe('deciding a reservation', () => {
  it('reserves every line in the order of the order, priced at the current price, with the total', () => {
    const decision = decideReservation(
      [
        { productId: 'mug', quantity: 1 },
        { productId: 'lamp', quantity: 3 },
      ],
      [lamp, mug],
    );
    expect(decision).toEqual({
      kind: 'reserve',
      lines: [
        { productId: 'mug', quantity: 1, unitPrice: 450, currency: 'EUR' },
        { productId: 'lamp', quantity: 3, unitPrice: 1_999, currency: 'EUR' },
      ],
      total: 450 + 3 * 1_999,
      currency: 'EUR',
    });
  });

  it('reserves a line that takes the last units in stock', () => {
    expect(decideReservation([{ productId: 'lamp', quantity: 5 }], [lamp])).toMatchObject({ kind: 'reserve' });
  });

  it('refuses the whole order as out of stock when one line asks for more than is available', () => {
    const decision = decideReservation(
      [
        { productId: 'lamp', quantity: 1 },
        { productId: 'mug', quantity: 2 },
      ],
      [lamp, mug],
    );
    expect(decision).toEqual({ kind: 'reject', reason: 'out_of_stock' });
  });

  it('refuses the whole order when one product does not exist, before looking at stock', () => {
    const decision = decideReservation(
      [
        { productId: 'mug', quantity: 9 },
        { productId: 'ghost', quantity: 1 },
      ],
      [mug],
    );
    expect(decision).toEqual({ kind: 'reject', reason: 'unknown_product' });
  });

  it('refuses an order whose products are priced in more than one currency, before looking at stock', () => {
    const decision = decideReservation(
      [
        { productId: 'mug', quantity: 9 },
        { productId: 'dollar-mug', quantity: 1 },
      ],
      [mug, dollarMug],
    );
    expect(decision).toEqual({ kind: 'reject', reason: 'mixed_currency' });
  });

  it('refuses the 22 × 100,000,000 order as over the limit, whatever the stock', () => {
    const dear: StockedProduct = { id: 'dear', price: { amount: 100_000_000, currency: 'EUR' }, stock: 22 };
    expect(decideReservation([{ productId: 'dear', quantity: 22 }], [dear])).toEqual({
      kind: 'reject',
      reason: 'total_over_limit',
    });
    const scarce = { ...dear, stock: 1 };
    expect(decideReservation([{ productId: 'dear', quantity: 22 }], [scarce])).toEqual({
      kind: 'reject',
      reason: 'total_over_limit',
    });
  });

  it('reserves an order whose total is exactly the limit, and refuses one minor unit more', () => {
    expect(MAX_ORDER_TOTAL).toBe(99_999_999);
    const dear: StockedProduct = { id: 'dear', price: { amount: 33_333_333, currency: 'EUR' }, stock: 10 };
    const atLimit = decideReservation([{ productId: 'dear', quantity: 3 }], [dear]);
    expect(atLimit).toMatchObject({ kind: 'reserve', total: MAX_ORDER_TOTAL });
    const penny: StockedProduct = { id: 'penny', price: { amount: 1, currency: 'EUR' }, stock: 1 };
    const lines = [
      { productId: 'dear', quantity: 3 },
      { productId: 'penny', quantity: 1 },
    ];
    expect(decideReservation(lines, [dear, penny])).toEqual({ kind: 'reject', reason: 'total_over_limit' });
  });

  it('counts lines naming the same product together against its stock', () => {
    const twice = [
      { productId: 'lamp', quantity: 3 },
      { productId: 'lamp', quantity: 3 },
    ];
    expect(decideReservation(twice, [lamp])).toEqual({ kind: 'reject', reason: 'out_of_stock' });
  });

  it('refuses an order without lines rather than reserving nothing', () => {
    expect(decideReservation([], [lamp])).toMatchObject({ kind: 'reject' });
  });
});

describe('merging lines', () => {
  it('adds up the quantities of one product at its first position', () => {
    const merged = mergeLines([
      { productId: 'a', quantity: 1 },
      { productId: 'b', quantity: 2 },
      { productId: 'a', quantity: 4 },
    ]);
    expect(merged).toEqual([
      { productId: 'a', quantity: 5 },
      { productId: 'b', quantity: 2 },
    ]);
  });
});
