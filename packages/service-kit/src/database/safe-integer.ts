/**
 * A BIGINT money column read back as a JavaScript number (decision 0022). The database keeps
 * amounts within ±(2^53 − 1) by CHECK constraints; this is the adapters' second guard: a value
 * a number cannot hold exactly is refused loudly instead of being rounded.
 *
 * Accepts what the drivers hand over: `bigint` (Prisma), `string` (pg's default for int8) or
 * `number` (pg's JSON output, Prisma's Int).
 */
export function safeIntegerFromColumn(value: bigint | string | number, column: string): number {
  const amount = typeof value === 'number' ? value : toNumber(value);
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`${column} holds ${String(value)}, which is not an integer within ±(2^53 − 1).`);
  }
  return amount;
}

/** {@link safeIntegerFromColumn} for a nullable column. */
export function nullableSafeIntegerFromColumn(value: bigint | string | number | null, column: string): number | null {
  return value === null ? null : safeIntegerFromColumn(value, column);
}

// A string must be a plain decimal integer: Number('') is 0 and Number('1e3') is 1000.
function toNumber(value: bigint | string): number {
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) return Number.NaN;
  const big = BigInt(value);
  const amount = Number(big);
  // Number(2^53 + 1) rounds to 2^53, which passes isSafeInteger's neighbour check only by luck
  return BigInt(amount) === big ? amount : Number.NaN;
}
