import { describe, expect, it } from 'vitest';
import {
  MAX_SIGNATURE_AGE_MS,
  SIGNATURE_HEADERS,
  encodeIdentity,
  signRequest,
  verifyRequest,
} from './request-signature';

const secret = 'a-test-secret-that-is-long-enough-0123';
const customer = { kind: 'user', userId: '6f1c3a52-0000-4000-8000-000000000001', role: 'CUSTOMER' } as const;
const body = '{"query":"{ me { id } }"}';
const request = { method: 'POST', target: '/graphql' } as const;
const signed = (overrides: { identity?: typeof customer; now?: number } = {}) =>
  signRequest({
    secret,
    encodedIdentity: encodeIdentity(overrides.identity ?? customer),
    ...request,
    body,
    now: overrides.now ?? 1_000_000,
  });

describe('gateway request signatures', () => {
  it('accepts a request the gateway signed and yields its identity', () => {
    expect(verifyRequest({ secret, headers: signed(), ...request, body, now: 1_000_000 })).toEqual({
      ok: true,
      identity: customer,
    });
  });

  it('refuses an unsigned request', () => {
    expect(verifyRequest({ secret, headers: {}, ...request, body })).toMatchObject({
      ok: false,
      reason: 'unsigned request',
    });
  });

  it('refuses a tampered body', () => {
    expect(
      verifyRequest({ secret, headers: signed(), ...request, body: body.replace('me', 'you'), now: 1_000_000 }),
    ).toMatchObject({ ok: false });
  });

  it('refuses a forged identity header, e.g. a customer claiming ADMIN', () => {
    const headers = { ...signed(), [SIGNATURE_HEADERS.identity]: encodeIdentity({ ...customer, role: 'ADMIN' }) };
    expect(verifyRequest({ secret, headers, ...request, body, now: 1_000_000 })).toMatchObject({
      ok: false,
      reason: 'bad signature',
    });
  });

  it('refuses a replay older than the allowed age, and accepts one just inside it', () => {
    expect(
      verifyRequest({ secret, headers: signed(), ...request, body, now: 1_000_000 + MAX_SIGNATURE_AGE_MS + 1 }),
    ).toMatchObject({ ok: false });
    expect(
      verifyRequest({ secret, headers: signed(), ...request, body, now: 1_000_000 + MAX_SIGNATURE_AGE_MS }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('refuses a signature made with another secret', () => {
    expect(verifyRequest({ secret: `${secret}x`, headers: signed(), ...request, body, now: 1_000_000 })).toMatchObject({
      ok: false,
    });
  });

  it('carries an anonymous caller as anonymous', () => {
    const anonymous = encodeIdentity({ kind: 'anonymous' });
    const headers = signRequest({ secret, encodedIdentity: anonymous, ...request, body, now: 5 });
    expect(verifyRequest({ secret, headers, ...request, body, now: 5 })).toEqual({
      ok: true,
      identity: { kind: 'anonymous' },
    });
  });

  it.each([
    ['another method', { method: 'GET', target: '/graphql' }],
    ['a query string added', { method: 'POST', target: '/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D' }],
    ['another path', { method: 'POST', target: '/admin' }],
  ])('refuses a signed request replayed with %s', (_, replay) => {
    expect(verifyRequest({ secret, headers: signed(), ...replay, body, now: 1_000_000 })).toMatchObject({
      ok: false,
      reason: 'bad signature',
    });
  });

  it('covers the query string exactly, so a GET signed for one operation cannot run another', () => {
    const get = { method: 'GET', target: '/graphql?query=%7B__typename%7D' };
    const headers = signRequest({ secret, encodedIdentity: encodeIdentity(customer), ...get, body: '', now: 7 });
    expect(verifyRequest({ secret, headers, ...get, body: '', now: 7 })).toMatchObject({ ok: true });
    const other = { ...get, target: '/graphql?query=%7Bme%7Bid%7D%7D' };
    expect(verifyRequest({ secret, headers, ...other, body: '', now: 7 })).toMatchObject({ ok: false });
  });
});
