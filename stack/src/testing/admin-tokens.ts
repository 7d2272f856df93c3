import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, DEFAULT_JWT_KID } from '@shopgraph/service-kit/jwt-contract';
import { JoseTokenIssuer } from '@shopgraph/users/adapters/security/jose-token-issuer';

/**
 * Tokens of `count` distinct ADMINs, signed by the users service's own issuer with `secret`
 * (its JWT_SECRET): dashboards of distinct identities, without signing a thousand users up.
 */
export function adminTokens(count: number, secret: string): Promise<string[]> {
  const issuer = new JoseTokenIssuer({
    keys: [{ kid: DEFAULT_JWT_KID, secret }],
    issuer: DEFAULT_JWT_ISSUER,
    audience: DEFAULT_JWT_AUDIENCE,
    ttlSeconds: 3_600,
  });
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      issuer.issue({
        id: crypto.randomUUID(),
        email: `dashboard-${i}@shop.test`,
        name: `Dashboard ${i}`,
        role: 'ADMIN',
        createdAt: new Date(),
      }),
    ),
  );
}
