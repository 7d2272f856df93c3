import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import { SIGNATURE_HEADERS, signRequest } from '@shopgraph/service-kit/request-signature';

export interface SigningFetcherOptions {
  readonly secret: string;
  /** A subgraph request slower than this is aborted. */
  readonly timeoutMs: number;
}

/**
 * Node's fetch (keep-alive connections by default) that signs the exact body it sends,
 * with the identity header the data source set from the request's context.
 */
export function signingFetcher({ secret, timeoutMs }: SigningFetcherOptions): Fetcher {
  return (async (url: string, init: FetcherRequestInit = {}) => {
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const encodedIdentity = headers[SIGNATURE_HEADERS.identity] ?? '';
    const body = typeof init.body === 'string' ? init.body : '';
    const signed = signRequest({ secret, encodedIdentity, body });
    return fetch(url, {
      method: init.method ?? 'POST',
      headers: { ...headers, ...signed },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  }) as unknown as Fetcher;
}
