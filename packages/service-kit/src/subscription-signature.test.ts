import { describe, expect, it } from 'vitest';
import { SIGNATURE_HEADERS, encodeIdentity, signRequest } from './request-signature';
import {
  CONNECTION_SIGNING_BODY,
  SIGNATURE_KEY,
  signConnection,
  signSubscription,
  subscriptionSigningBody,
  verifyConnection,
  verifySubscription,
} from './subscription-signature';

const secret = 'a-test-secret-that-is-long-enough-0123';
const customer = { kind: 'user', userId: '6f1c3a52-0000-4000-8000-000000000001', role: 'CUSTOMER' } as const;
const operation = { query: 'subscription { orderEvents { id } }', variables: {} };

describe('graphql-ws signatures', () => {
  it('accepts a subscribe message the gateway signed and yields its identity', () => {
    expect(verifySubscription(secret, signSubscription({ secret, identity: customer, operation }))).toEqual({
      ok: true,
      identity: customer,
    });
  });

  it('refuses an HTTP request signature over the same bytes as a subscription', () => {
    const body = subscriptionSigningBody(operation);
    const headers = signRequest({
      secret,
      encodedIdentity: encodeIdentity(customer),
      method: 'POST',
      target: '/graphql',
      body,
    });
    expect(verifySubscription(secret, { ...operation, extensions: { [SIGNATURE_KEY]: headers } })).toMatchObject({
      ok: false,
    });
  });

  it('refuses a subscription signature as connection params, and the other way round', () => {
    const subscribe = signSubscription({ secret, identity: { kind: 'anonymous' }, operation });
    const asConnection = { [SIGNATURE_KEY]: subscribe.extensions?.[SIGNATURE_KEY] };
    expect(verifyConnection(secret, asConnection)).toBe(false);
    const connection = signConnection(secret);
    const replayed = { query: CONNECTION_SIGNING_BODY, extensions: connection };
    expect(verifySubscription(secret, replayed).ok).toBe(false);
    expect(verifyConnection(secret, connection)).toBe(true);
    expect(Object.keys(connection[SIGNATURE_KEY] as object)).toContain(SIGNATURE_HEADERS.signature);
  });
});
