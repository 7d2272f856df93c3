/**
 * What the users service puts in a token and the gateway checks: the algorithm is
 * pinned, and `sub` (user ID) and `role` are the only claims the graph relies on.
 */
export const JWT_ALGORITHM = 'HS256';

export interface JwtSettings {
  /** Shared HMAC secret, at least 32 characters. */
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
}

export const secretKey = (secret: string): Uint8Array => new TextEncoder().encode(secret);
