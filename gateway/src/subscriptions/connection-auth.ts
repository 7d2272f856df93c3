import { HttpRefusal } from '@shopgraph/service-kit/http-refusal';
import { ANONYMOUS } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { TokenVerifier } from '../auth/token-verifier';

/** Who opened a connection, and until when that holds. */
export interface ConnectionIdentity {
  readonly identity: Identity;
  /** Epoch milliseconds at which the token expires; undefined for anonymous connections. */
  readonly expiresAt: number | undefined;
}

export type ConnectionAuthentication =
  | ({ readonly ok: true } & ConnectionIdentity)
  | { readonly ok: false; readonly message: string };

const ANONYMOUS_CONNECTION: ConnectionAuthentication = { ok: true, identity: ANONYMOUS, expiresAt: undefined };

function authorizationOf(connectionParams: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = connectionParams?.['authorization'] ?? connectionParams?.['Authorization'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads `{ authorization: "Bearer <jwt>" }` from graphql-ws `connectionParams` with the
 * HTTP verifier, so a token means the same on both transports. No token connects
 * anonymously (each subscription then asks for a user); a bad token is refused.
 */
export async function authenticateConnection(
  verifyToken: TokenVerifier,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
): Promise<ConnectionAuthentication> {
  try {
    const { identity, expiresAt } = await verifyToken(authorizationOf(connectionParams));
    return identity.kind === 'anonymous' ? ANONYMOUS_CONNECTION : { ok: true, identity, expiresAt };
  } catch (error) {
    if (error instanceof HttpRefusal) return { ok: false, message: error.message };
    throw error;
  }
}
