import { GraphQLError, getOperationAST } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { Identity } from '@shopgraph/service-kit/identity';
import { findUnstorableString } from '@shopgraph/service-kit/unstorable-string';
import type { OperationLimits } from '../limits/operation-limits';
import type { PersistedOperationManifest } from '../persisted-operations/persisted-operation-manifest';
import { resolvePersistedQuery } from '../persisted-operations/resolve-persisted-operation';
import type { PlannedOperation } from './subscription-planner';

/** The rules a subscribe message meets, the same as an HTTP request's. */
export interface SubscribePolicy {
  readonly schema: () => GraphQLSchema;
  readonly limits: OperationLimits;
  readonly manifest: PersistedOperationManifest;
  /** PERSISTED_OPERATIONS_ONLY. */
  readonly onlyPersisted: boolean;
}

/** A graphql-ws subscribe payload. */
export interface SubscribePayload {
  readonly query?: string | null | undefined;
  readonly operationName?: string | null | undefined;
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
  readonly extensions?: Readonly<Record<string, unknown>> | null | undefined;
}

export type SubscribeCheck =
  | { readonly ok: true; readonly operation: PlannedOperation }
  | { readonly ok: false; readonly errors: readonly GraphQLError[] };

const refuse = (code: string, message: string): SubscribeCheck => ({
  ok: false,
  errors: [new GraphQLError(message, { extensions: { code } })],
});

function persistedSource(payload: SubscribePayload, policy: SubscribePolicy): SubscribeCheck | string {
  const resolved = resolvePersistedQuery({ query: payload.query, extensions: payload.extensions }, policy);
  if (!resolved.ok) return refuse(resolved.refusal.code, resolved.refusal.message);
  if (typeof resolved.query === 'string') return resolved.query;
  // as Apollo Server answers over HTTP, so an APQ client sends the text next
  return payload.extensions?.['persistedQuery'] === undefined
    ? refuse('BAD_REQUEST', 'Send `query`, or the hash of a known operation.')
    : refuse('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
}

/**
 * Admits one subscription: a signed-in caller, the persisted-operation policy, then the
 * HTTP limits (depth, aliases, tokens, directives, cost), graphql's own rules against
 * the API schema, and no string that cannot be stored (as over HTTP). Every refusal is a GraphQL error with a public code.
 */
export function checkSubscribe(payload: SubscribePayload, identity: Identity, policy: SubscribePolicy): SubscribeCheck {
  if (identity.kind !== 'user')
    return refuse(
      'UNAUTHENTICATED',
      'Sign in to subscribe: send connectionParams { authorization: "Bearer <token>" }.',
    );
  const source = persistedSource(payload, policy);
  if (typeof source !== 'string') return source;
  const checked = policy.limits.checkOperation(policy.schema(), source);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const operationName = payload.operationName ?? undefined;
  const operation = getOperationAST(checked.document, operationName);
  if (operation?.operation !== 'subscription') {
    return refuse(
      'BAD_USER_INPUT',
      'Only subscriptions are served over WebSocket; send queries and mutations over HTTP.',
    );
  }
  const unstorable = findUnstorableString({ document: checked.document, variables: payload.variables });
  if (unstorable !== undefined) return refuse('BAD_USER_INPUT', unstorable);
  return { ok: true, operation: { source, document: checked.document, operationName } };
}
