import { describe, expect, it } from 'vitest';
import { parseJwtKeys } from './jwt-keys';

const secret = 'the-current-jwt-secret-long-enough-0123';
const older = 'an-older-jwt-secret-still-accepted-4567';
const oldest = 'the-oldest-jwt-secret-still-accepted-89';

describe('JWT key set from the environment', () => {
  it('names the current key k1 when JWT_KID is not set, with no previous keys', () => {
    expect(parseJwtKeys({ secret })).toEqual([{ kid: 'k1', secret }]);
  });

  it('puts the current key first, then the previous keys in their order', () => {
    expect(parseJwtKeys({ secret, kid: 'k3', previous: ` k2:${older} , k1:${oldest},` })).toEqual([
      { kid: 'k3', secret },
      { kid: 'k2', secret: older },
      { kid: 'k1', secret: oldest },
    ]);
  });

  it('keeps a colon inside a previous secret', () => {
    expect(parseJwtKeys({ secret, kid: 'k2', previous: `k1:${older}:x` })[1]).toEqual({
      kid: 'k1',
      secret: `${older}:x`,
    });
  });

  it.each([
    ['a key ID used twice', { kid: 'k1', previous: `k1:${older}` }, /JWT_PREVIOUS_KEYS: key ID "k1" is used twice/],
    ['a pair without a colon', { kid: 'k2', previous: older }, /JWT_PREVIOUS_KEYS: entry 1 is not "kid:secret"/],
    ['a pair without a secret', { kid: 'k2', previous: 'k1:' }, /entry 1 is not "kid:secret"/],
    ['a short previous secret', { kid: 'k2', previous: 'k1:short' }, /secret of key "k1" must be at least 32/],
    ['a key ID with a space', { kid: 'k 2' }, /JWT_KID: must be 1–64/],
    ['a short current secret', { secret: 'short' }, /JWT_SECRET: must be at least 32/],
  ])('refuses %s with a message naming the variable', (_, variables, message) => {
    expect(() => parseJwtKeys({ secret, ...variables })).toThrow(message);
  });

  it('lists every problem at once and never repeats a secret', () => {
    const attempt = () => parseJwtKeys({ secret, kid: 'k2', previous: `${older},k1:short-secret` });
    expect(attempt).toThrow(/entry 1 is not "kid:secret"\n.*secret of key "k1"/);
    expect(attempt).not.toThrow(new RegExp(`${older}|short-secret`));
  });
});
