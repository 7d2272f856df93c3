import { describe, expect, it } from 'vitest';
import { nullableSafeIntegerFromColumn, safeIntegerFromColumn } from './safe-integer';

const MAX = Number.MAX_SAFE_INTEGER;

describe('reading a BIGINT money column as a number', () => {
  it.each([
    [2_200_000_000n, 2_200_000_000],
    ['2200000000', 2_200_000_000],
    [2_200_000_000, 2_200_000_000],
    [BigInt(MAX), MAX],
    [String(-MAX), -MAX],
    ['0', 0],
  ] as const)('reads %s exactly', (value, expected) => {
    expect(safeIntegerFromColumn(value, 'orders.total_amount')).toBe(expected);
  });

  it.each([BigInt(MAX) + 1n, BigInt(MAX) + 2n, String(MAX + 1), '-9007199254740993', '', '1e3', '12.5', 12.5])(
    'refuses %s rather than rounding it',
    (value) => {
      expect(() => safeIntegerFromColumn(value, 'payments.amount')).toThrow(/payments\.amount holds .* not an integer/);
    },
  );

  it('keeps NULL as null', () => {
    expect(nullableSafeIntegerFromColumn(null, 'orders.total_amount')).toBeNull();
    expect(nullableSafeIntegerFromColumn('7', 'orders.total_amount')).toBe(7);
  });
});
