import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { secretKey } from '@shopgraph/service-kit/jwt-contract';
import type { JwtKeys } from '@shopgraph/service-kit/jwt-contract';
import { createTokenVerifier } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';

const current = { kid: 'k2', secret: 'a-test-jwt-secret-that-is-long-enough!' };
const previous = { kid: 'k1', secret: 'the-previous-jwt-secret-still-accepted!' };
const removed = { kid: 'k0', secret: 'a-removed-jwt-secret-no-longer-accepted' };
const keys: JwtKeys = [current, previous];
const MAX_TTL_SECONDS = 3_600;
const settings = { keys, issuer: 'shopgraph', audience: 'shopgraph-api', maxTtlSeconds: MAX_TTL_SECONDS };
const verifyToken = createTokenVerifier(settings);
const verify = (authorization: string | undefined) => verifyToken(authorization).then(({ identity }) => identity);
const userId = '6f1c3a52-0000-4000-8000-000000000001';
const nowSeconds = () => Math.floor(Date.now() / 1000);

interface TokenShape {
  readonly alg?: string;
  /** `null` leaves the header without `kid`. */
  readonly kid?: string | null;
  readonly secret?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly expiresAt?: number | string;
  /** Epoch seconds; `null` leaves the token without `iat`. Default now. */
  readonly issuedAt?: number | null;
  readonly notBefore?: number;
  readonly role?: string;
}

function token({
  alg = 'HS256',
  kid = current.kid,
  secret = current.secret,
  issuer = 'shopgraph',
  audience = 'shopgraph-api',
  expiresAt = '1h',
  issuedAt = nowSeconds(),
  notBefore,
  role = 'CUSTOMER',
}: TokenShape = {}) {
  const jwt = new SignJWT({ role })
    .setProtectedHeader(kid === null ? { alg } : { alg, kid })
    .setSubject(userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime(expiresAt);
  if (issuedAt !== null) jwt.setIssuedAt(issuedAt);
  if (notBefore !== undefined) jwt.setNotBefore(notBefore);
  return jwt.sign(secretKey(secret));
}

const refusal = (authorization: string) =>
  verify(authorization).then(
    () => undefined,
    (error: unknown) => error,
  );

describe('gateway token verification', () => {
  it('treats a request without Authorization as anonymous', async () => {
    expect(await verify(undefined)).toEqual({ kind: 'anonymous' });
  });

  it('tells until when a token holds, and nothing for no token', async () => {
    const expiresAt = nowSeconds() + 600;
    expect(await verifyToken(`Bearer ${await token({ expiresAt })}`)).toMatchObject({ expiresAt: expiresAt * 1_000 });
    expect(await verifyToken(undefined)).toEqual({ identity: { kind: 'anonymous' }, expiresAt: undefined });
  });

  it('turns a valid token into the caller identity', async () => {
    expect(await verify(`Bearer ${await token({ role: 'ADMIN' })}`)).toEqual({ kind: 'user', userId, role: 'ADMIN' });
  });

  it('refuses an expired token, saying so', async () => {
    const expired = await token({ expiresAt: nowSeconds() - 60 });
    expect(await refusal(`Bearer ${expired}`)).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: /expired/,
    });
  });

  it.each([
    ['signed with another secret', { secret: 'another-secret-that-is-long-enough-too!!' }],
    ['from another issuer', { issuer: 'evil' }],
    ['for another audience', { audience: 'other-api' }],
    ['signed with another algorithm', { alg: 'HS512' }],
    ['with an unknown role', { role: 'ROOT' }],
    ['without a key ID', { kid: null }],
    ['naming a key ID it does not hold', { kid: 'k9' }],
    ['signed by a key removed from the set', { kid: removed.kid, secret: removed.secret }],
    ['naming a known key ID but signed with another key of the set', { kid: current.kid, secret: previous.secret }],
    ['that is not valid yet (nbf in the future)', { notBefore: nowSeconds() + 60 }],
  ])('refuses a token %s', async (_, shape) => {
    expect(await refusal(`Bearer ${await token(shape)}`)).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'The token is invalid.',
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    });
  });

  it('accepts a token signed by a previous key, so a rotation logs nobody out', async () => {
    const signedBefore = await token({ kid: previous.kid, secret: previous.secret });
    expect(await verify(`Bearer ${signedBefore}`)).toEqual({ kind: 'user', userId, role: 'CUSTOMER' });
  });

  it('refuses a token of a previous key once the key leaves the set', async () => {
    const signedBefore = await token({ kid: previous.kid, secret: previous.secret });
    const afterRotation = createTokenVerifier({ ...settings, keys: [current] });
    await expect(afterRotation(`Bearer ${signedBefore}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('accepts a token whose nbf has passed', async () => {
    const valid = await token({ notBefore: nowSeconds() - 5 });
    expect(await verify(`Bearer ${valid}`)).toMatchObject({ kind: 'user', userId });
  });

  it('refuses an unsigned ("alg": "none") token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: current.kid })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: userId, role: 'ADMIN', iss: 'shopgraph', aud: 'shopgraph-api', exp: 9e9 }),
    ).toString('base64url');
    expect(await refusal(`Bearer ${header}.${payload}.`)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    expect(await refusal('Basic dXNlcjpwYXNz')).toMatchObject({ code: 'UNAUTHENTICATED', message: /Bearer/ });
  });

  describe('token lifetime', () => {
    const CENTURY = 100 * 365 * 86_400;

    it.each([
      ['that expires a century from now', { expiresAt: nowSeconds() + CENTURY }, /lifetime/],
      [
        'living longer than the maximum lifetime, even if issued long ago',
        { issuedAt: nowSeconds() - 86_400, expiresAt: nowSeconds() + 600 },
        /lifetime/,
      ],
      ['issued in the future', { issuedAt: nowSeconds() + 600, expiresAt: nowSeconds() + 1_200 }, /future/],
      ['without an issue time (iat)', { issuedAt: null }, /invalid/],
    ])('refuses a token %s, saying why', async (_, shape, message) => {
      expect(await refusal(`Bearer ${await token(shape)}`)).toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
        message,
      });
    });

    it('accepts a token of exactly the maximum lifetime, issued a few seconds ahead of our clock', async () => {
      const issuedAt = nowSeconds() + 5;
      const valid = await token({ issuedAt, expiresAt: issuedAt + MAX_TTL_SECONDS });
      expect(await verify(`Bearer ${valid}`)).toMatchObject({ kind: 'user', userId });
    });
  });
});

describe('gateway token verification of a token it has seen before', () => {
  it('refuses a token it accepted once it has expired, and remembers no refused token', async () => {
    const cache = new VerifiedTokenCache(10);
    const verifier = createTokenVerifier(settings, cache);
    const expiresAt = nowSeconds() + 60;
    const authorization = `Bearer ${await token({ expiresAt })}`;
    expect((await verifier(authorization)).expiresAt).toBe(expiresAt * 1_000);
    expect(cache.size).toBe(1);
    vi.useFakeTimers({ toFake: ['Date'], now: (expiresAt + 1) * 1_000 });
    try {
      await expect(verifier(authorization)).rejects.toThrow('expired');
      expect(cache.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('still checks the audience, issuer and signature of a token never seen', async () => {
    const cache = new VerifiedTokenCache(10);
    const verifier = createTokenVerifier(settings, cache);
    await verifier(`Bearer ${await token()}`);
    await expect(verifier(`Bearer ${await token({ audience: 'another-api' })}`)).rejects.toThrow('invalid');
    await expect(verifier(`Bearer ${await token({ secret: removed.secret })}`)).rejects.toThrow('invalid');
    expect(cache.size).toBe(1);
  });
});
