import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { secretKey } from '@shopgraph/service-kit/jwt-contract';
import { createTokenVerifier } from './token-verifier';

const settings = { secret: 'a-test-jwt-secret-that-is-long-enough!', issuer: 'shopgraph', audience: 'shopgraph-api' };
const verify = createTokenVerifier(settings);
const userId = '6f1c3a52-0000-4000-8000-000000000001';

interface TokenShape {
  readonly alg?: string;
  readonly secret?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly expiresAt?: number | string;
  readonly role?: string;
}

function token({
  alg = 'HS256',
  secret = settings.secret,
  issuer = 'shopgraph',
  audience = 'shopgraph-api',
  expiresAt = '1h',
  role = 'CUSTOMER',
}: TokenShape = {}) {
  return new SignJWT({ role })
    .setProtectedHeader({ alg })
    .setSubject(userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime(expiresAt)
    .sign(secretKey(secret));
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

  it('turns a valid token into the caller identity', async () => {
    expect(await verify(`Bearer ${await token({ role: 'ADMIN' })}`)).toEqual({ kind: 'user', userId, role: 'ADMIN' });
  });

  it('refuses an expired token, saying so', async () => {
    const expired = await token({ expiresAt: Math.floor(Date.now() / 1000) - 60 });
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
  ])('refuses a token %s', async (_, shape) => {
    expect(await refusal(`Bearer ${await token(shape)}`)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses an unsigned ("alg": "none") token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: userId, role: 'ADMIN', iss: 'shopgraph', aud: 'shopgraph-api', exp: 9e9 }),
    ).toString('base64url');
    expect(await refusal(`Bearer ${header}.${payload}.`)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    expect(await refusal('Basic dXNlcjpwYXNz')).toMatchObject({ code: 'UNAUTHENTICATED', message: /Bearer/ });
  });
});
