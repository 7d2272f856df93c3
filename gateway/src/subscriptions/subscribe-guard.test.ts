import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Identity } from '@shopgraph/service-kit/identity';
import { operationLimits } from '../limits/operation-limits';
import { sha256Hex } from '../persisted-operations/persisted-operation-manifest';
import { checkSubscribe } from './subscribe-guard';
import type { SubscribePolicy } from './subscribe-guard';

const schema = buildSchema('type Query { ok: Boolean } type Subscription { ticks: Int }');
const USER: Identity = { kind: 'user', userId: '6f1c3a52-0000-4000-8000-000000000001', role: 'CUSTOMER' };
const KNOWN = 'subscription Ticks { ticks }';
const knownHash = { persistedQuery: { version: 1, sha256Hash: sha256Hex(KNOWN) } };

const policy = (onlyPersisted: boolean): SubscribePolicy => ({
  schema: () => schema,
  limits: operationLimits(),
  manifest: new Map([[sha256Hex(KNOWN), { id: sha256Hex(KNOWN), name: 'Ticks', type: 'subscription', body: KNOWN }]]),
  onlyPersisted,
});
const codesOf = (check: ReturnType<typeof checkSubscribe>) =>
  check.ok ? [] : check.errors.map((error) => error.extensions['code']);

describe('the persisted-operation policy on a subscribe message, as on HTTP', () => {
  it('runs the manifest’s text for a known hash sent alone', () => {
    const check = checkSubscribe({ extensions: knownHash }, USER, policy(true));
    expect(check.ok && check.operation.source).toBe(KNOWN);
  });

  it('refuses another operation FORBIDDEN when only persisted operations run, and serves it otherwise', () => {
    const other = { query: 'subscription Other { ticks }' };
    expect(codesOf(checkSubscribe(other, USER, policy(true)))).toEqual(['FORBIDDEN']);
    expect(checkSubscribe(other, USER, policy(false)).ok).toBe(true);
  });

  it('refuses a hash that is not the sha256 of the query sent with it', () => {
    const mismatched = { query: 'subscription Other { ticks }', extensions: knownHash };
    expect(codesOf(checkSubscribe(mismatched, USER, policy(false)))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an unknown hash sent alone: FORBIDDEN when only persisted operations run, else PERSISTED_QUERY_NOT_FOUND', () => {
    const unknown = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('nothing') } } };
    expect(codesOf(checkSubscribe(unknown, USER, policy(true)))).toEqual(['FORBIDDEN']);
    expect(codesOf(checkSubscribe(unknown, USER, policy(false)))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('strings that cannot be stored, on a subscribe message as on HTTP', () => {
  const withArgument = buildSchema('type Query { ok: Boolean } type Subscription { ticks(tag: String): Int }');
  const open = { ...policy(false), schema: () => withArgument };

  it('refuses a NUL or a lone surrogate in the variables, naming the variable', () => {
    for (const tag of ['a\u0000', '\ud800']) {
      const check = checkSubscribe(
        { query: 'subscription ($t: String) { ticks(tag: $t) }', variables: { t: tag } },
        USER,
        open,
      );
      expect(codesOf(check)).toEqual(['BAD_USER_INPUT']);
      expect(check.ok ? '' : check.errors[0]?.message).toMatch(/\$t/);
    }
  });

  it('refuses a NUL in a literal argument, naming it', () => {
    const check = checkSubscribe({ query: 'subscription { ticks(tag: "\\u0000") }' }, USER, open);
    expect(codesOf(check)).toEqual(['BAD_USER_INPUT']);
    expect(check.ok ? '' : check.errors[0]?.message).toMatch(/"tag"/);
  });
});
