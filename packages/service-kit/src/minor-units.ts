import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { ValueNode } from 'graphql';

const badInput = (value: unknown) =>
  new GraphQLError(`MinorUnits must be an integer from −(2^53−1) to 2^53−1; got ${String(value)}.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });

/** A client's value: a JSON number that is a safe integer, nothing else (no strings, no floats). */
function parse(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badInput(value);
  return value;
}

function parseLiteral(ast: ValueNode): number {
  // an IntValue literal is unbounded in GraphQL's grammar: read it digit for digit
  if (ast.kind !== Kind.INT) throw badInput(ast.kind === Kind.FLOAT || ast.kind === Kind.STRING ? ast.value : ast.kind);
  return parse(Number(ast.value));
}

/**
 * Our own value on its way out. An unsafe integer here is a bug or corrupt data: it fails
 * the field (INTERNAL_SERVER_ERROR, masked) rather than sending a rounded amount.
 */
function serialize(value: unknown): number {
  const amount = typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new GraphQLError(`MinorUnits cannot represent ${String(value)} exactly.`);
  }
  return amount;
}

/**
 * `scalar MinorUnits` (decision 0022): `Money.amount`, exact up to 2^53−1, a JSON number on
 * the wire. Its description for clients is in each subgraph's schema.graphql.
 */
export const MinorUnits = new GraphQLScalarType({
  name: 'MinorUnits',
  serialize,
  parseValue: parse,
  parseLiteral,
});
