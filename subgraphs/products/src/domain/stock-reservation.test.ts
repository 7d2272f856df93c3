import { describe, expect, it } from 'vitest';
import { decideReservation, mergeLines } from './stock-reservation';
import type { StockedProduct } from './stock-reservation';

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
