import { describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from './verified-token-cache';
import type { VerifiedClaims } from './verified-token-cache';

const NOW = 1_800_000_000;
const claims = (overrides: Partial<VerifiedClaims> = {}): VerifiedClaims => ({
  identity: { kind: 'user', userId: 'u1', role: 'CUSTOMER' },
  exp: NOW + 60,
  iat: NOW,
  nbf: undefined,
  ...overrides,
});

describe('the cache of verified tokens', () => {
  it('forgets a token at its expiry, so the full check runs again and refuses it', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('t', claims());
    expect(cache.get('t', NOW + 59)).toBeDefined();
    expect(cache.get('t', NOW + 60)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('answers nothing for a token not yet valid or issued in the future, if the clock went back', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('nbf', claims({ nbf: NOW }));
    cache.set('iat', claims());
    expect(cache.get('nbf', NOW - 1)).toBeUndefined();
    expect(cache.get('iat', NOW - 31)).toBeUndefined();
  });

  it('holds at most its capacity, evicting the least recently used token', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', claims());
    cache.set('b', claims());
    cache.get('a', NOW);
    cache.set('c', claims());
    expect(cache.get('b', NOW)).toBeUndefined();
    expect(cache.get('a', NOW)).toBeDefined();
    expect(cache.size).toBe(2);
  });
});
