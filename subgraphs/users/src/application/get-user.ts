import { parseId } from '@shopgraph/service-kit/ids';
import { requireSelfOrAdmin } from '@shopgraph/service-kit/identity';
import type { Identity } from '@shopgraph/service-kit/identity';
import type { User } from '../domain/user';

/** Loads users by ID in batches; a per-request DataLoader in production. */
export type UserLoader = (id: string) => Promise<User | undefined>;

/** `user(id)`: the user themself or an ADMIN; the rule is checked before the lookup. */
export async function getUser(identity: Identity, rawId: string, load: UserLoader): Promise<User | undefined> {
  const id = parseId(rawId, 'id');
  requireSelfOrAdmin(identity, id);
  return load(id);
}

/** `me`: the signed-in user, or nothing for an anonymous caller. */
export async function getMe(identity: Identity, load: UserLoader): Promise<User | undefined> {
  return identity.kind === 'user' ? load(identity.userId) : undefined;
}
