import type { Client, FormattedExecutionResult, SubscribePayload } from 'graphql-ws';
import { waitFor } from '@shopgraph/service-kit/wait-for';

/** How a subscription ended, as a graphql-ws client saw it. */
export type Ending =
  | { readonly kind: 'complete' }
  | { readonly kind: 'error'; readonly error: unknown; readonly closeCode: number | undefined };

/** Everything one client subscription received, for assertions. */
export interface CollectedSubscription {
  readonly results: FormattedExecutionResult<Record<string, unknown>, unknown>[];
  readonly ended: Promise<Ending>;
  /** Resolves once `count` results have arrived. */
  received(count: number): Promise<void>;
  dispose(): void;
}

/** The close code of a graphql-ws client error that is a CloseEvent; undefined for any other. */
export const closeCodeOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;

/** Subscribes through a real graphql-ws client and records what arrives. */
export function collectSubscription(client: Client, payload: SubscribePayload): CollectedSubscription {
  const results: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  let settle: (ending: Ending) => void = () => undefined;
  const ended = new Promise<Ending>((resolve) => (settle = resolve));
  const dispose = client.subscribe(payload, {
    next: (result) => void results.push(result),
    error: (error) => settle({ kind: 'error', error, closeCode: closeCodeOf(error) }),
    complete: () => settle({ kind: 'complete' }),
  });
  return {
    results,
    ended,
    received: (count) => waitFor(() => results.length >= count, { what: `${count} results`, timeout: 10_000 }),
    dispose,
  };
}
