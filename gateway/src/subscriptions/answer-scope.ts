import type { Identity } from '@shopgraph/service-kit/identity';

/**
 * Who may receive one answer to a fetch, as the subgraphs declared it (`@sharedAnswer`):
 * every caller alike, every caller holding one of `roles` alike, or each caller their own.
 */
export type AnswerScope =
  | { readonly kind: 'everyone' }
  | { readonly kind: 'roles'; readonly roles: ReadonlySet<string> }
  | { readonly kind: 'caller' };

export const EVERYONE: AnswerScope = { kind: 'everyone' };
export const CALLER: AnswerScope = { kind: 'caller' };

/**
 * The scope of an answer made of two parts: the narrower of the two. Two role lists share only
 * the roles both name; an empty list shares with nobody.
 */
export function narrower(a: AnswerScope, b: AnswerScope): AnswerScope {
  if (a.kind === 'caller' || b.kind === 'caller') return CALLER;
  if (a.kind === 'everyone') return b;
  if (b.kind === 'everyone') return a;
  const roles = new Set([...a.roles].filter((role) => b.roles.has(role)));
  return roles.size === 0 ? CALLER : { kind: 'roles', roles };
}

/**
 * The key under which `identity` may share an answer of this scope: one key for everyone, one
 * per role for a role the scope names, and the identity itself otherwise (a customer outside
 * an ADMIN-shared scope keeps answers of their own). Never shorter than what was declared.
 */
export function sharingKey(scope: AnswerScope, identity: Identity): string {
  if (scope.kind === 'everyone') return 'everyone';
  if (scope.kind === 'roles' && identity.kind === 'user' && scope.roles.has(identity.role)) {
    return `role:${identity.role}`;
  }
  return `caller:${JSON.stringify(identity)}`;
}
