import { describe, expect, it } from 'vitest';
import { placementFingerprint, validatePlacement } from './order-placement';
import type { PlaceOrderRequest } from './order-placement';

const P1 = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const P2 = '0b7e6b0c-3f0e-4d7c-8f5e-5a1c2d3e4f50';
const valid: PlaceOrderRequest = {
  items: [
    { productId: P1, quantity: 2 },
    { productId: P2, quantity: 1 },
  ],
  paymentToken: 'tok_visa',
  idempotencyKey: 'key-1',
};
const line = (index: number) => ({
  productId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  quantity: 1,
});

describe('validatePlacement', () => {
  it('accepts a valid request and keeps the lines in the order given', () => {
    expect(validatePlacement(valid)).toEqual({
      lines: [
        { productId: P1, quantity: 2 },
        { productId: P2, quantity: 1 },
      ],
      paymentToken: 'tok_visa',
      idempotencyKey: 'key-1',
    });
  });

  it('accepts the limits themselves: 50 lines, quantity 1 and 100, a key of 100 characters', () => {
    const items = Array.from({ length: 50 }, (_, index) => ({ ...line(index), quantity: index % 2 ? 100 : 1 }));
    const placement = validatePlacement({ ...valid, items, idempotencyKey: 'k'.repeat(100) });
    expect(placement.lines).toHaveLength(50);
    expect(validatePlacement({ ...valid, paymentToken: 'tok_slow', idempotencyKey: ' ~' }).paymentToken).toBe(
      'tok_slow',
    );
  });

  it('writes product IDs in lower case, so one product has one spelling', () => {
    const placement = validatePlacement({ ...valid, items: [{ productId: P1.toUpperCase(), quantity: 1 }] });
    expect(placement.lines[0]?.productId).toBe(P1);
  });

  it.each<[string, Partial<PlaceOrderRequest>, RegExp]>([
    ['no items', { items: [] }, /^items must hold 1 to 50 lines/],
    ['51 items', { items: Array.from({ length: 51 }, (_, index) => line(index)) }, /^items must hold 1 to 50/],
    ['a quantity of 0', { items: [{ productId: P1, quantity: 0 }] }, /^items\[0\]\.quantity must be/],
    ['a quantity of 101', { items: [line(0), { productId: P1, quantity: 101 }] }, /^items\[1\]\.quantity must be/],
    ['a negative quantity', { items: [{ productId: P1, quantity: -3 }] }, /^items\[0\]\.quantity/],
    ['a fractional quantity', { items: [{ productId: P1, quantity: 1.5 }] }, /^items\[0\]\.quantity/],
    ['a malformed product ID', { items: [{ productId: 'not-an-id', quantity: 1 }] }, /^items\[0\]\.productId is not/],
    [
      'one product twice',
      { items: [line(1), { productId: P1, quantity: 1 }, { productId: P1.toUpperCase(), quantity: 2 }] },
      /^items\[2\]\.productId repeats items\[1\]\.productId/,
    ],
    ['an unknown payment token', { paymentToken: 'tok_stolen' }, /^paymentToken must be one of tok_visa, /],
    ['an empty payment token', { paymentToken: '' }, /^paymentToken must be one of/],
    ['an empty idempotency key', { idempotencyKey: '' }, /^idempotencyKey must be 1 to 100 printable/],
    ['an idempotency key of 101 characters', { idempotencyKey: 'k'.repeat(101) }, /^idempotencyKey must be/],
    ['an idempotency key with a control character', { idempotencyKey: 'key\n1' }, /^idempotencyKey must be/],
    ['an idempotency key beyond ASCII', { idempotencyKey: 'clé' }, /^idempotencyKey must be/],
  ])('refuses %s as invalid input, naming the field', (_, change, message) => {
    const attempt = () => validatePlacement({ ...valid, ...change });
    expect(attempt).toThrow(expect.objectContaining({ kind: 'invalid', message: expect.stringMatching(message) }));
  });
});

describe('placementFingerprint', () => {
  const fingerprint = (request: PlaceOrderRequest) => placementFingerprint(validatePlacement(request));

  it('is the same for the same lines and token, whatever the key or the spelling of an ID', () => {
    const upper = {
      ...valid,
      items: valid.items.map((item) => ({ ...item, productId: item.productId.toUpperCase() })),
    };
    expect(fingerprint({ ...upper, idempotencyKey: 'another' })).toBe(fingerprint(valid));
  });

  it('differs when a quantity, the order of the lines or the token differs', () => {
    const [first, second] = valid.items;
    const variants: PlaceOrderRequest[] = [
      {
        ...valid,
        items: [
          { productId: P1, quantity: 3 },
          { productId: P2, quantity: 1 },
        ],
      },
      { ...valid, items: [second, first].filter((item) => item !== undefined) },
      { ...valid, paymentToken: 'tok_slow' },
    ];
    for (const variant of variants) expect(fingerprint(variant)).not.toBe(fingerprint(valid));
  });
});
