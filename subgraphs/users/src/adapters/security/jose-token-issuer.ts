import { SignJWT } from 'jose';
import { JWT_ALGORITHM, secretKey } from '@shopgraph/service-kit/jwt-contract';
import type { JwtKey, JwtSettings } from '@shopgraph/service-kit/jwt-contract';
import type { TokenIssuer } from '../../application/ports';
import type { User } from '../../domain/user';

export interface JoseTokenIssuerOptions extends JwtSettings {
  /** Token lifetime in seconds. */
  readonly ttlSeconds: number;
}

/** Signs with the current key (the first) and names it in `kid`, so the gateway can rotate keys. */
export class JoseTokenIssuer implements TokenIssuer {
  private readonly current: JwtKey;
  private readonly key: Uint8Array;

  constructor(private readonly options: JoseTokenIssuerOptions) {
    this.current = options.keys[0];
    this.key = secretKey(this.current.secret);
  }

  issue(user: User): Promise<string> {
    return new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: JWT_ALGORITHM, typ: 'JWT', kid: this.current.kid })
      .setSubject(user.id)
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.options.ttlSeconds}s`)
      .sign(this.key);
  }
}
