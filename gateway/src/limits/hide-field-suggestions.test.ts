import { describe, expect, it } from 'vitest';
import { hideFieldSuggestions, withoutSuggestions } from './hide-field-suggestions';

describe('withoutSuggestions', () => {
  it.each([
    ['Cannot query field "nmae" on type "User". Did you mean "name"?', 'Cannot query field "nmae" on type "User".'],
    [
      'Unknown argument "frist" on field "User.orders". Did you mean "first" or "after"?',
      'Unknown argument "frist" on field "User.orders".',
    ],
    [
      'Unknown type "Prodcut". Did you mean "Product", "ProductEdge", or "ProductConnection"?',
      'Unknown type "Prodcut".',
    ],
    [
      'Value "PENDIN" does not exist in "OrderStatus" enum. Did you mean the enum value "PENDING"?',
      'Value "PENDIN" does not exist in "OrderStatus" enum.',
    ],
  ])('drops the hint from %j', (message, expected) => {
    expect(withoutSuggestions(message)).toBe(expected);
  });

  it('leaves a message without a hint as it is', () => {
    expect(withoutSuggestions('Operation cost 20002 exceeds the limit of 10000.')).toBe(
      'Operation cost 20002 exceeds the limit of 10000.',
    );
  });
});

describe('hideFieldSuggestions', () => {
  it('formats with the wrapped formatter, then drops the hint and keeps the rest', () => {
    const format = hideFieldSuggestions((formatted) => ({ ...formatted, extensions: { code: 'BAD_USER_INPUT' } }));
    const formatted = format(
      {
        message: 'Cannot query field "nmae" on type "User". Did you mean "name"?',
        locations: [{ line: 1, column: 8 }],
      },
      undefined,
    );
    expect(formatted).toEqual({
      message: 'Cannot query field "nmae" on type "User".',
      locations: [{ line: 1, column: 8 }],
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
