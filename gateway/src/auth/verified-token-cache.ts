import type { Identity } from '@shopgraph/service-kit/identity';
import { JWT_CLOCK_TOLERANCE_SECONDS } from '@shopgraph/service-kit/jwt-contract';

/** What a verified token said: who, and the time claims every reuse checks again. */
export interface VerifiedClaims {
  readonly identity: Identity;
  /** Epoch seconds, as in the token. */
  readonly exp: number;
  readonly iat: number;
  readonly nbf: number | undefined;
}

// jose's `exp` and `nbf` checks without a tolerance (the verifier gives none), and our `iat` check
const timesPass = ({ exp, nbf, iat }: VerifiedClaims, now: number): boolean =>
  exp > now && (nbf === undefined || nbf <= now) && iat <= now + JWT_CLOCK_TOLERANCE_SECONDS;

/**
 * Tokens whose signature, algorithm, key, issuer and audience were checked, remembered by
 * their exact text: those checks depend on nothing but the text and the verifier's fixed
 * keys, so a second check of the same text would only repeat them (WebCrypto HMAC, every
 * request, for the same token). The time claims do change with the clock: `get` answers only
 * while `exp`, `nbf` and `iat` all still pass as the full check would (same tolerances), and
 * otherwise forgets the token, so the full check runs again and refuses it with its reason.
 * At most `capacity` entries, the least recently used evicted first.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, VerifiedClaims>();

  constructor(private readonly capacity: number) {}

  get(token: string, nowSeconds: number): VerifiedClaims | undefined {
    const claims = this.entries.get(token);
    if (claims === undefined) return undefined;
    this.entries.delete(token);
    if (!timesPass(claims, nowSeconds)) return undefined;
    this.entries.set(token, claims);
    return claims;
  }

  set(token: string, claims: VerifiedClaims): void {
    this.entries.delete(token);
    this.entries.set(token, claims);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
