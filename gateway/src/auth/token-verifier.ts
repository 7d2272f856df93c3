import { errors, jwtVerify } from 'jose';
import { HttpRefusal } from '@shopgraph/service-kit/http-refusal';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import { JWT_ALGORITHM, secretKey } from '@shopgraph/service-kit/jwt-contract';
import type { JwtSettings } from '@shopgraph/service-kit/jwt-contract';

export type TokenVerifier = (authorization: string | undefined) => Promise<Identity>;

const refuse = (message: string) =>
  new HttpRefusal({
    status: 401,
    code: 'UNAUTHENTICATED',
    message,
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

/**
 * Turns an `Authorization` header into an identity. No header means anonymous; a header
 * that is not a valid, unexpired token of ours is refused, so a client learns to log in
 * again instead of silently seeing an anonymous view.
 */
export function createTokenVerifier(settings: JwtSettings): TokenVerifier {
  const key = secretKey(settings.secret);
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw refuse('The Authorization header must be "Bearer <token>".');
    try {
      const { payload } = await jwtVerify(match[1], key, {
        algorithms: [JWT_ALGORITHM],
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['sub', 'exp'],
      });
      const { sub, role } = payload;
      if (typeof sub !== 'string' || (role !== 'CUSTOMER' && role !== 'ADMIN')) throw refuse('The token is invalid.');
      return { kind: 'user', userId: sub, role };
    } catch (error) {
      if (error instanceof HttpRefusal) throw error;
      if (error instanceof errors.JWTExpired) throw refuse('The token has expired: log in again.');
      throw refuse('The token is invalid.');
    }
  };
}
