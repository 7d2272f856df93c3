import { buildSchema, graphql, GraphQLError } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MinorUnits } from './minor-units';

const MAX = Number.MAX_SAFE_INTEGER; // 2^53 − 1

function schemaWith(amount: unknown): GraphQLSchema {
  const schema = buildSchema(
    'scalar MinorUnits type Query { amount: MinorUnits echo(value: MinorUnits!): MinorUnits }',
  );
  Object.assign(schema.getType('MinorUnits') ?? {}, {
    serialize: MinorUnits.serialize,
    parseValue: MinorUnits.parseValue,
    parseLiteral: MinorUnits.parseLiteral,
  });
  const fields = schema.getQueryType()?.getFields();
  if (fields?.['amount']) fields['amount'].resolve = () => amount;
  if (fields?.['echo']) fields['echo'].resolve = (_root, args: { value: number }) => args.value;
  return schema;
}

const run = (source: string, variableValues?: Record<string, unknown>) =>
  graphql({ schema: schemaWith(null), source, ...(variableValues ? { variableValues } : {}) });

describe('the MinorUnits scalar', () => {
  it.each([0, 2_200_000_000, MAX, -MAX])('serializes %d as the same JSON number', (value) => {
    expect(MinorUnits.serialize(value)).toBe(value);
    expect(JSON.parse(JSON.stringify({ amount: MinorUnits.serialize(value) }))).toEqual({ amount: value });
  });

  it('serializes a bigint from the database when it is a safe integer', () => {
    expect(MinorUnits.serialize(2_200_000_000n)).toBe(2_200_000_000);
  });

  it.each([MAX + 1, 12.5, Number.NaN, '100', BigInt(MAX) + 1n, null])('refuses to serialize %s', (value) => {
    expect(() => MinorUnits.serialize(value)).toThrow(/cannot represent/);
  });

  it('fails the field, not with a rounded number, when a resolver returns an unsafe amount', async () => {
    const result = await graphql({ schema: schemaWith(2 ** 53), source: '{ amount }' });
    expect(result.data).toEqual({ amount: null });
    expect(result.errors?.[0]?.message).toMatch(/cannot represent/);
  });

  it('reads literals and variables up to ±(2^53−1) exactly', async () => {
    expect((await run(`{ echo(value: ${MAX}) }`)).data).toEqual({ echo: MAX });
    expect((await run(`{ echo(value: -${MAX}) }`)).data).toEqual({ echo: -MAX });
    const variables = await run('query ($v: MinorUnits!) { echo(value: $v) }', { v: 2_200_000_000 });
    expect(variables.data).toEqual({ echo: 2_200_000_000 });
  });

  it.each(['9007199254740992', '-9007199254740992', '12.5', '"100"', 'true'])(
    'refuses the literal %s as BAD_USER_INPUT',
    async (literal) => {
      const { errors } = await run(`{ echo(value: ${literal}) }`);
      expect(errors?.[0]?.message).toMatch(/MinorUnits must be an integer from −\(2\^53−1\) to 2\^53−1/);
    },
  );

  it.each([MAX + 1, 12.5, '100', null])('refuses the variable value %s', async (value) => {
    const { errors } = await run('query ($v: MinorUnits!) { echo(value: $v) }', { v: value });
    expect(errors).toHaveLength(1);
  });

  it('marks a refused client value BAD_USER_INPUT', () => {
    try {
      MinorUnits.parseValue(0.5);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
    }
  });
});
