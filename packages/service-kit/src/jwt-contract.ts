import { z } from 'zod';
/**
 * What the users service puts in a token and the gateway checks: the algorithm is
 * pinned, every token names its key in the protected `kid` header, and `sub` (user ID)
 * and `role` are the only claims the graph relies on.
 */
export const JWT_ALGORITHM = 'HS256';

/** The key ID used when `JWT_KID` is not set, on both sides, so development needs no setup. */
export const DEFAULT_JWT_KID = 'k1';

/** A key ID: short and free of `:` and `,`, the separators of `JWT_PREVIOUS_KEYS`. */
export const JWT_KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** {@link JWT_KID_PATTERN} in words, for the configuration errors of both sides. */
export const JWT_KID_RULE = 'must be 1–64 of A-Z a-z 0-9 . _ -';

/** `iss` and `aud` when `JWT_ISSUER` and `JWT_AUDIENCE` are not set: one default for both sides. */
export const DEFAULT_JWT_ISSUER = 'shopgraph';
export const DEFAULT_JWT_AUDIENCE = 'shopgraph-api';

/**
 * A token's lifetime (`JWT_TTL_SECONDS`, read by the users service that issues tokens and by
 * the gateway that refuses any token living longer): default, least and most.
 */
export const DEFAULT_JWT_TTL_SECONDS = 3_600;
export const JWT_TTL_BOUNDS = { min: 60, max: 86_400 } as const;

/** Seconds two honest clocks may disagree by; a token's `iat` and lifetime are checked within it. */
export const JWT_CLOCK_TOLERANCE_SECONDS = 30;

/** Shortest accepted HMAC secret: HS256 wants a key of at least its 256-bit output. */
export const JWT_SECRET_MIN_LENGTH = 32;

/** One HMAC key and the ID tokens name it by. */
export interface JwtKey {
  readonly kid: string;
  /** Shared HMAC secret, at least {@link JWT_SECRET_MIN_LENGTH} characters. */
  readonly secret: string;
}

/** The current key first (it signs); the others still verify tokens during a rotation. */
export type JwtKeys = readonly [JwtKey, ...JwtKey[]];

export interface JwtSettings {
  readonly keys: JwtKeys;
  readonly issuer: string;
  readonly audience: string;
}

export const secretKey = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** `JWT_TTL_SECONDS` as users (which signs with it) and the gateway (which refuses longer lives) both read it. */
export const jwtTtlSeconds = z.coerce
  .number()
  .int()
  .min(JWT_TTL_BOUNDS.min)
  .max(JWT_TTL_BOUNDS.max)
  .default(DEFAULT_JWT_TTL_SECONDS);
