import { ApolloServer, HeaderMap } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { loadApiSchema } from '../limits/test-api-schema';
import { parsePersistedOperationManifest, sha256Hex } from './persisted-operation-manifest';
import { resolvePersistedOperation } from './resolve-persisted-operation';
import type { GraphQLHttpRequest } from '@shopgraph/service-kit/graphql-http-server';

const ME = 'query Me { me { id } }';
const AD_HOC = '{ me { email } }';
const manifest = parsePersistedOperationManifest(
  {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [{ id: sha256Hex(ME), name: 'Me', type: 'query', body: ME }],
  },
  'test manifest',
);
const open = { manifest, onlyPersisted: false };
const closed = { manifest, onlyPersisted: true };
const persistedQuery = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
const post = (body: unknown): GraphQLHttpRequest => ({ method: 'POST', body, search: '' });
const get = (params: Record<string, string>): GraphQLHttpRequest => ({
  method: 'GET',
  body: undefined,
  search: `?${new URLSearchParams(params).toString()}`,
});
const forbidden = { ok: false, refusal: { status: 400, code: 'FORBIDDEN', message: expect.any(String) } };

describe('resolvePersistedOperation', () => {
  it.each([open, closed])(
    'fills in the document of a hash from the manifest (onlyPersisted: $onlyPersisted)',
    (policy) => {
      const request = post({ variables: {}, extensions: { ...persistedQuery(sha256Hex(ME)), trace: true } });
      expect(resolvePersistedOperation(request, policy)).toEqual({
        ok: true,
        request: post({ variables: {}, query: ME, extensions: { trace: true } }),
      });
    },
  );

  it('fills in the document of a hash sent in a GET query string', () => {
    const request = get({ operationName: 'Me', extensions: JSON.stringify(persistedQuery(sha256Hex(ME))) });
    const resolved = resolvePersistedOperation(request, closed);
    expect(resolved.ok && Object.fromEntries(new URLSearchParams(resolved.request.search))).toEqual({
      operationName: 'Me',
      query: ME,
    });
  });

  it('refuses a hash that is not in the manifest when only persisted operations run, never registering it', () => {
    const unknown = persistedQuery(sha256Hex(AD_HOC));
    expect(resolvePersistedOperation(post({ extensions: unknown }), closed)).toEqual(forbidden);
    expect(resolvePersistedOperation(post({ query: AD_HOC, extensions: unknown }), closed)).toEqual(forbidden);
    expect(resolvePersistedOperation(get({ extensions: JSON.stringify(unknown) }), closed)).toEqual(forbidden);
  });

  it('leaves an unknown hash to automatic persisted queries otherwise', () => {
    const request = post({ extensions: persistedQuery(sha256Hex(AD_HOC)) });
    expect(resolvePersistedOperation(request, open)).toEqual({ ok: true, request });
  });

  it('refuses an ad-hoc query when only persisted operations run, and passes it on unchanged otherwise', () => {
    expect(resolvePersistedOperation(post({ query: AD_HOC }), closed)).toEqual(forbidden);
    expect(resolvePersistedOperation(get({ query: AD_HOC }), closed)).toEqual(forbidden);
    const request = post({ query: AD_HOC });
    const resolved = resolvePersistedOperation(request, open);
    expect(resolved).toEqual({ ok: true, request });
    expect(resolved.ok && resolved.request).toBe(request);
  });

  it('accepts the full text of a manifest operation when only persisted operations run', () => {
    expect(resolvePersistedOperation(post({ query: ME }), closed)).toEqual({ ok: true, request: post({ query: ME }) });
  });

  it('refuses a hash that is not the sha256 of the query sent with it', () => {
    const request = post({ query: AD_HOC, extensions: persistedQuery(sha256Hex(ME)) });
    expect(resolvePersistedOperation(request, open)).toEqual({
      ok: false,
      refusal: { status: 400, code: 'BAD_USER_INPUT', message: expect.stringMatching(/sha256Hash/) },
    });
  });

  it('refuses a GET it cannot read unambiguously when only persisted operations run', () => {
    const twice = { method: 'GET', body: undefined, search: `?query=${encodeURIComponent(ME)}&query=${AD_HOC}` };
    expect(resolvePersistedOperation(twice, closed)).toMatchObject({ ok: false, refusal: { code: 'BAD_USER_INPUT' } });
    expect(resolvePersistedOperation(get({ extensions: '{' }), closed)).toMatchObject({ ok: false });
  });

  it('passes on a request that names no operation, for Apollo Server to answer', () => {
    for (const request of [post({ variables: {} }), post(undefined), get({})]) {
      expect(resolvePersistedOperation(request, closed)).toEqual({ ok: true, request });
    }
  });

  it('hands Apollo Server, its automatic persisted queries off, a request it runs', async () => {
    const apollo = new ApolloServer({ schema: await loadApiSchema(), persistedQueries: false });
    await apollo.start();
    const resolved = resolvePersistedOperation(post({ extensions: persistedQuery(sha256Hex(ME)) }), closed);
    if (!resolved.ok) throw new Error('expected the hash to resolve');
    const headers = new HeaderMap([['content-type', 'application/json']]);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { ...resolved.request, headers },
      context: async () => ({}),
    });
    await apollo.stop();
    expect(response.body).toEqual({ kind: 'complete', string: '{"data":{"me":null}}\n' });
  });

  describe('a batch (a JSON array of operations)', () => {
    it('refuses the whole batch when any of its operations is not persisted', () => {
      const batch = post([{ extensions: persistedQuery(sha256Hex(ME)) }, { query: AD_HOC }]);
      expect(resolvePersistedOperation(batch, closed)).toEqual(forbidden);
    });

    it('refuses the whole batch when one hash is unknown or does not match its query', () => {
      expect(
        resolvePersistedOperation(post([{ query: ME }, { extensions: persistedQuery('f'.repeat(64)) }]), closed),
      ).toEqual(forbidden);
      const mismatched = post([{ query: AD_HOC, extensions: persistedQuery(sha256Hex(ME)) }]);
      expect(resolvePersistedOperation(mismatched, open)).toMatchObject({
        ok: false,
        refusal: { code: 'BAD_USER_INPUT' },
      });
    });

    it('fills in the document of every hash of the batch', () => {
      const byHash = { variables: {}, extensions: persistedQuery(sha256Hex(ME)) };
      expect(resolvePersistedOperation(post([byHash, byHash]), closed)).toEqual({
        ok: true,
        request: post([
          { variables: {}, query: ME },
          { variables: {}, query: ME },
        ]),
      });
    });

    it('passes a batch of ad-hoc operations on unchanged when not only persisted operations run', () => {
      const batch = post([{ query: AD_HOC }, { query: AD_HOC }]);
      expect(resolvePersistedOperation(batch, open)).toEqual({ ok: true, request: batch });
    });
  });
});
