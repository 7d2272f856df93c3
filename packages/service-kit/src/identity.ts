import { forbidden, unauthenticated } from './app-error';

export type Role = 'CUSTOMER' | 'ADMIN';

/** Who is calling, as the gateway established it from a verified JWT. */
export type Identity =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'user'; readonly userId: string; readonly role: Role };

export const ANONYMOUS: Identity = { kind: 'anonymous' };

export function isAdmin(identity: Identity): boolean {
  return identity.kind === 'user' && identity.role === 'ADMIN';
}

/** The signed-in user, or an UNAUTHENTICATED refusal. */
export function requireUser(identity: Identity): Extract<Identity, { kind: 'user' }> {
  if (identity.kind !== 'user') throw unauthenticated();
  return identity;
}

export function requireAdmin(identity: Identity): void {
  if (!isAdmin(requireUser(identity))) throw forbidden('Only an administrator can do this.');
}

/** Self or ADMIN: the rule that guards every customer's own data. */
export function canSee(identity: Identity, ownerId: string): boolean {
  return identity.kind === 'user' && (identity.role === 'ADMIN' || identity.userId === ownerId);
}

export function requireSelfOrAdmin(identity: Identity, ownerId: string): void {
  if (!canSee(requireUser(identity), ownerId)) throw forbidden();
}
