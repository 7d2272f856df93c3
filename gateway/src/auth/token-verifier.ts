import { errors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { HttpRefusal } from '@shopgraph/service-kit/http-refusal';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { JWT_ALGORITHM, JWT_CLOCK_TOLERANCE_SECONDS, secretKey } from '@shopgraph/service-kit/jwt-contract';
import type { JwtKeys, JwtSettings } from '@shopgraph/service-kit/jwt-contract';
import { VerifiedTokenCache } from './verified-token-cache';
import type { VerifiedClaims } from './verified-token-cache';

/** Who a token says the caller is, and until when (epoch ms; undefined without a token). */
export interface VerifiedToken {
  readonly identity: Identity;
  readonly expiresAt: number | undefined;
}

export type TokenVerifier = (authorization: string | undefined) => Promise<VerifiedToken>;

/** What {@link createTokenVerifier} accepts: the keys, `iss`, `aud`, and the longest lifetime. */
export interface TokenVerifierSettings extends JwtSettings {
  /** Longest `exp − iat` accepted, in seconds (the gateway's `JWT_TTL_SECONDS`, as the issuer's). */
  readonly maxTtlSeconds: number;
}

/** Distinct tokens remembered as verified: a few MiB at most, far more than one gateway's active users. */
const VERIFIED_TOKENS_KEPT = 10_000;

const NO_TOKEN: VerifiedToken = { identity: ANONYMOUS, expiresAt: undefined };

const refuse = (message: string) =>
  new HttpRefusal({
    status: 401,
    code: 'UNAUTHENTICATED',
    message,
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

/**
 * Picks the key the token names. A token without `kid`, or naming a key we no longer
 * hold, is refused before any signature check: removing a key from the set is how a
 * leaked or retired key stops working.
 */
function keyResolver(keys: JwtKeys): JWTVerifyGetKey {
  const byKid = new Map(keys.map(({ kid, secret }) => [kid, secretKey(secret)]));
  return ({ kid }) => {
    const key = kid === undefined ? undefined : byKid.get(kid);
    if (key === undefined) throw refuse('The token is invalid.');
    return key;
  };
}

/**
 * The checks jose leaves to us: a token issued in the future, or meant to live longer than
 * our issuer ever signs, is a forged or leaked key at work, or an issuer misconfigured.
 */
function checkLifetime(payload: { iat?: number; exp?: number }, settings: TokenVerifierSettings): void {
  const { iat, exp } = payload;
  if (iat === undefined || exp === undefined) throw refuse('The token is invalid.');
  const nowSeconds = Date.now() / 1_000;
  if (iat > nowSeconds + JWT_CLOCK_TOLERANCE_SECONDS) {
    throw refuse('The token was issued in the future: check the clock of its issuer, then log in again.');
  }
  if (exp - iat > settings.maxTtlSeconds + JWT_CLOCK_TOLERANCE_SECONDS) {
    throw refuse('The token claims a lifetime longer than this server accepts: log in again.');
  }
}

/**
 * Turns an `Authorization` header into an identity. No header means anonymous; a header
 * that is not a valid, unexpired token of ours is refused, so a client learns to log in
 * again instead of silently seeing an anonymous view. Tokens signed by any key of
 * `settings.keys` are accepted, so keys can rotate without logging everyone out. `exp` and
 * `iat` are required; `iat` may not be in the future, nor `exp − iat` above the maximum
 * lifetime, beyond a clock tolerance of {@link JWT_CLOCK_TOLERANCE_SECONDS} seconds. A token
 * that passed is remembered ({@link VerifiedTokenCache}): its signature is not checked again,
 * its time claims are, on every request.
 */
export function createTokenVerifier(
  settings: TokenVerifierSettings,
  cache = new VerifiedTokenCache(VERIFIED_TOKENS_KEPT),
): TokenVerifier {
  const verifyFully = fullVerifier(settings);
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return NO_TOKEN;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw refuse('The Authorization header must be "Bearer <token>".');
    const token = match[1];
    let claims = cache.get(token, Date.now() / 1_000);
    if (claims === undefined) {
      claims = await verifyFully(token);
      cache.set(token, claims);
    }
    return { identity: claims.identity, expiresAt: claims.exp * 1_000 };
  };
}

/** Every check of a token, signature included: what a token not seen before goes through. */
function fullVerifier(settings: TokenVerifierSettings): (token: string) => Promise<VerifiedClaims> {
  const resolveKey = keyResolver(settings.keys);
  return async (token) => {
    try {
      // jose checks the algorithm before resolving the key, and `nbf` whenever present
      const { payload } = await jwtVerify(token, resolveKey, {
        algorithms: [JWT_ALGORITHM],
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      checkLifetime(payload, settings);
      const { sub, role, exp, iat, nbf } = payload;
      if (typeof sub !== 'string' || (role !== 'CUSTOMER' && role !== 'ADMIN')) throw refuse('The token is invalid.');
      if (exp === undefined || iat === undefined) throw refuse('The token is invalid.');
      return { identity: { kind: 'user', userId: sub, role }, exp, iat, nbf };
    } catch (error) {
      if (error instanceof HttpRefusal) throw error;
      if (error instanceof errors.JWTExpired) throw refuse('The token has expired: log in again.');
      throw refuse('The token is invalid.');
    }
  };
}
