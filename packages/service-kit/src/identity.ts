import { forbidden, unauthenticated } from './app-error';
import { isWellFormedId } from './ids';

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

/**
 * A customer's record that another subgraph named by key: a malformed key names nothing (the
 * client never typed it, and it must not reach SQL as a uuid cast error); only a signed-in
 * user may look, refused before the lookup so an anonymous caller cannot learn the record
 * exists; and only its owner or an ADMIN may see it, which is known once it is loaded.
 */
export async function loadOwnedReference<T>(
  identity: Identity,
  rawKey: string,
  lookup: { readonly load: (key: string) => Promise<T | undefined>; readonly ownerOf: (record: T) => string },
): Promise<T | undefined> {
  const { load, ownerOf } = lookup;
  if (!isWellFormedId(rawKey)) return undefined;
  requireUser(identity);
  const record = await load(rawKey.toLowerCase());
  if (record !== undefined) requireSelfOrAdmin(identity, ownerOf(record));
  return record;
}
