import { useApolloClient } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { TypedDocumentNode } from '@apollo/client';
import { useEffect, useState } from 'react';

/** Options of {@link useResumableSubscription}. */
export interface ResumableSubscriptionOptions<TData, TVariables> {
  readonly document: TypedDocumentNode<TData, TVariables & { after: string | null }>;
  /** The subscription's variables but `after`, which the hook manages. */
  readonly variables: TVariables;
  /** The ID of the event a result carries, passed back as `after` on resubscribing. */
  readonly eventId: (data: TData) => string;
  readonly skip?: boolean;
}

export interface ResumableSubscription<TData> {
  /** Every event heard, each once, in order. */
  readonly events: readonly TData[];
  readonly live: boolean;
  /** A refusal by the graph (FORBIDDEN, NOT_FOUND…): final, nothing is retried. */
  readonly error: string | undefined;
}

const MAX_DELAY_MS = 5_000;

/**
 * Follows a subscription across lost connections: when the socket closes (a gateway restart,
 * a network change) it subscribes again with `after` = the last event heard, so the server
 * replays exactly what was missed. Events are also kept once by ID, in case a replay and a
 * live delivery ever overlap.
 */
export function useResumableSubscription<TData, TVariables>({
  document,
  variables,
  eventId,
  skip = false,
}: ResumableSubscriptionOptions<TData, TVariables>): ResumableSubscription<TData> {
  const client = useApolloClient();
  const [events, setEvents] = useState<readonly TData[]>([]);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string>();
  const key = JSON.stringify(variables);

  useEffect(() => {
    if (skip) return undefined;
    const seen = new Set<string>();
    let after: string | undefined;
    let stopped = false;
    let retryDelay = 250;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: { unsubscribe(): void } | undefined;
    setEvents([]);
    const heard = (data: TData) => {
      const id = eventId(data);
      if (seen.has(id)) return;
      seen.add(id);
      after = id;
      retryDelay = 250;
      setEvents((previous) => [...previous, data]);
    };
    const resume = () => {
      setLive(false);
      if (stopped) return;
      timer = setTimeout(start, retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_DELAY_MS);
    };
    function start() {
      const observable = client.subscribe({ query: document, variables: { ...variables, after: after ?? null } });
      setLive(true);
      current = observable.subscribe({
        next: (result) => {
          if (CombinedGraphQLErrors.is(result.error)) {
            stopped = true;
            setError(result.error.errors.map((e) => e.message).join('; '));
          } else if (result.data) heard(result.data as TData);
        },
        error: resume,
        complete: resume,
      });
    }
    start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      current?.unsubscribe();
    };
    // `key` stands for `variables`; `document` and `eventId` are module constants
  }, [client, key, skip]);

  return { events, live, error };
}
