import type { GraphQLHttpRequest } from '@shopgraph/service-kit/graphql-http-server';
import type { HttpRefusalInit } from '@shopgraph/service-kit/http-refusal';
import { sha256Hex } from './persisted-operation-manifest';
import type { PersistedOperationManifest } from './persisted-operation-manifest';

/** Options of {@link resolvePersistedOperation}. */
export interface PersistedOperationPolicy {
  readonly manifest: PersistedOperationManifest;
  /** Refuse every operation that is not in the manifest (the production setting). */
  readonly onlyPersisted: boolean;
}

export type PersistedOperationResolution =
  | { readonly ok: true; readonly request: GraphQLHttpRequest }
  | { readonly ok: false; readonly refusal: HttpRefusalInit };

/** The operation a request names: its text, its `persistedQuery` hash, or both. */
interface OperationReference {
  readonly query: string | undefined;
  readonly hash: string | undefined;
}

type Decision =
  | { readonly kind: 'keep' }
  | { readonly kind: 'use'; readonly query: string }
  | { readonly kind: 'refuse'; readonly refusal: HttpRefusalInit };

const KEEP: Decision = { kind: 'keep' };
// 400 like every refusal made before execution (Apollo answers validation failures with 400)
const refusal = (code: string, message: string): HttpRefusalInit => ({ status: 400, code, message });
const ONLY_PERSISTED = 'This server runs only the operations of its first-party clients';
const UNKNOWN_HASH = refusal('FORBIDDEN', `${ONLY_PERSISTED}; no operation has this sha256Hash.`);
const NOT_PERSISTED = refusal('FORBIDDEN', `${ONLY_PERSISTED}; this query is not one of them.`);
const UNREADABLE = refusal('BAD_USER_INPUT', 'Send `query` and `extensions` at most once each, `extensions` as JSON.');
const MISMATCH = refusal('BAD_USER_INPUT', 'extensions.persistedQuery.sha256Hash is not the sha256 of `query`.');
const refuse = (reason: HttpRefusalInit): Decision => ({ kind: 'refuse', refusal: reason });

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function persistedHash(extensions: unknown): string | undefined {
  const persistedQuery = isRecord(extensions) ? extensions['persistedQuery'] : undefined;
  const hash = isRecord(persistedQuery) ? persistedQuery['sha256Hash'] : undefined;
  return typeof hash === 'string' ? hash : undefined;
}

function reference(query: unknown, extensions: unknown): OperationReference {
  return { query: typeof query === 'string' && query !== '' ? query : undefined, hash: persistedHash(extensions) };
}

// Once the manifest has supplied the text there is nothing left to look up or register, and
// Apollo, with automatic persisted queries off, would refuse any `persistedQuery` at all.
function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!isRecord(extensions)) return undefined;
  const { persistedQuery: _resolved, ...others } = extensions;
  return Object.keys(others).length > 0 ? others : undefined;
}

function decide({ query, hash }: OperationReference, { manifest, onlyPersisted }: PersistedOperationPolicy): Decision {
  const id = query === undefined ? hash : sha256Hex(query);
  if (id === undefined) return KEEP; // no operation at all: Apollo Server answers that
  if (query !== undefined && hash !== undefined && hash !== id) return refuse(MISMATCH);
  const persisted = manifest.get(id);
  if (persisted) return { kind: 'use', query: persisted.body };
  if (!onlyPersisted) return KEEP; // Apollo's automatic persisted queries take unknown hashes
  return refuse(query === undefined ? UNKNOWN_HASH : NOT_PERSISTED);
}

function settle(
  decision: Decision,
  request: GraphQLHttpRequest,
  rewrite: (query: string) => GraphQLHttpRequest,
): PersistedOperationResolution {
  if (decision.kind === 'refuse') return { ok: false, refusal: decision.refusal };
  return { ok: true, request: decision.kind === 'use' ? rewrite(decision.query) : request };
}

type BodyResolution =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly refusal: HttpRefusalInit };

function resolveOperation(body: unknown, policy: PersistedOperationPolicy): BodyResolution {
  // not an operation: Apollo Server answers it
  if (!isRecord(body)) return { ok: true, body };
  const decision = decide(reference(body['query'], body['extensions']), policy);
  if (decision.kind === 'refuse') return { ok: false, refusal: decision.refusal };
  if (decision.kind === 'keep') return { ok: true, body };
  const { extensions: sent, ...rest } = body;
  const extensions = withoutPersistedQuery(sent);
  return { ok: true, body: { ...rest, query: decision.query, ...(extensions ? { extensions } : {}) } };
}

// Every operation of a batch meets the policy, and one refusal refuses the batch: a batch
// must never be a way around a check a single operation meets.
function resolveBatch(batch: readonly unknown[], policy: PersistedOperationPolicy): BodyResolution {
  const bodies: unknown[] = [];
  for (const operation of batch) {
    const resolved = resolveOperation(operation, policy);
    if (!resolved.ok) return resolved;
    bodies.push(resolved.body);
  }
  return { ok: true, body: bodies };
}

function resolvePost(request: GraphQLHttpRequest, policy: PersistedOperationPolicy): PersistedOperationResolution {
  const { body } = request;
  const resolved = Array.isArray(body) ? resolveBatch(body, policy) : resolveOperation(body, policy);
  if (!resolved.ok) return resolved;
  return { ok: true, request: resolved.body === body ? request : { ...request, body: resolved.body } };
}

/** The GET parameters as Apollo Server reads them, or undefined where it would refuse them. */
function searchParameters(params: URLSearchParams): { query?: string; extensions: unknown } | undefined {
  const [query, ...moreQueries] = params.getAll('query');
  const [extensions, ...moreExtensions] = params.getAll('extensions');
  if (moreQueries.length > 0 || moreExtensions.length > 0) return undefined;
  try {
    return {
      ...(query === undefined ? {} : { query }),
      extensions: extensions === undefined ? undefined : JSON.parse(extensions),
    };
  } catch {
    return undefined;
  }
}

function resolveGet(request: GraphQLHttpRequest, policy: PersistedOperationPolicy): PersistedOperationResolution {
  const params = new URLSearchParams(request.search);
  const sent = searchParameters(params);
  // Apollo Server refuses such a request; with onlyPersisted nothing unchecked may pass on
  if (!sent) return policy.onlyPersisted ? { ok: false, refusal: UNREADABLE } : { ok: true, request };
  return settle(decide(reference(sent.query, sent.extensions), policy), request, (query) => {
    params.set('query', query);
    const extensions = withoutPersistedQuery(sent.extensions);
    if (extensions) params.set('extensions', JSON.stringify(extensions));
    else params.delete('extensions');
    return { ...request, search: `?${params.toString()}` };
  });
}

/**
 * The persisted-operation policy for an operation sent outside HTTP (a graphql-ws subscribe):
 * the manifest's text for a known hash, else what was sent as `query`, or the refusal.
 */
export function resolvePersistedQuery(
  sent: { readonly query: unknown; readonly extensions: unknown },
  policy: PersistedOperationPolicy,
): { readonly ok: true; readonly query: unknown } | { readonly ok: false; readonly refusal: HttpRefusalInit } {
  const decision = decide(reference(sent.query, sent.extensions), policy);
  if (decision.kind === 'refuse') return { ok: false, refusal: decision.refusal };
  return { ok: true, query: decision.kind === 'use' ? decision.query : sent.query };
}

/**
 * Applies the persisted-operation policy to a request before Apollo Server sees it. A hash
 * found in the manifest becomes its document (first-party clients may send only the hash,
 * without registering it); with `onlyPersisted`, any other operation is refused FORBIDDEN.
 * Otherwise the request goes on unchanged, to Apollo's automatic persisted queries.
 */
export function resolvePersistedOperation(
  request: GraphQLHttpRequest,
  policy: PersistedOperationPolicy,
): PersistedOperationResolution {
  if (request.method === 'POST') return resolvePost(request, policy);
  if (request.method === 'GET') return resolveGet(request, policy);
  return { ok: true, request }; // Apollo Server refuses other methods
}
