import { SignJWT } from 'jose';
import {
  DEFAULT_JWT_AUDIENCE,
  DEFAULT_JWT_ISSUER,
  DEFAULT_JWT_KID,
  JWT_ALGORITHM,
  secretKey,
} from '@shopgraph/service-kit/jwt-contract';

/**
 * Tokens of `count` distinct ADMINs, signed as the users service signs with `secret` (its
 * JWT_SECRET): dashboards of distinct identities, without signing a thousand users up.
 */
export function adminTokens(count: number, secret: string): Promise<string[]> {
  const key = secretKey(secret);
  return Promise.all(
    Array.from({ length: count }, () =>
      new SignJWT({ role: 'ADMIN' })
        .setProtectedHeader({ alg: JWT_ALGORITHM, kid: DEFAULT_JWT_KID })
        .setSubject(crypto.randomUUID())
        .setIssuer(DEFAULT_JWT_ISSUER)
        .setAudience(DEFAULT_JWT_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key),
    ),
  );
}
