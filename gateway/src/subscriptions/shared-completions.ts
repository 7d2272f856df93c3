import type { ExecutionResult } from 'graphql';

/** Completes an event for a subscriber; callers that pass the same key share one completion. */
export interface SharedCompletions {
  complete(key: string | undefined, run: () => Promise<ExecutionResult>): Promise<ExecutionResult>;
}

/**
 * Subscribers with the same operation, variables and identity see the same result for the
 * same upstream event, so its `rest` (one fetch per subgraph) runs once for all of them rather
 * than once each: a hundred tabs of one customer cost the subgraphs what one tab does. Keeps
 * the `limit` most recent completions (default 10 000), oldest dropped first.
 */
export function createSharedCompletions(limit = 10_000): SharedCompletions {
  const recent = new Map<string, Promise<ExecutionResult>>();
  return {
    complete(key, run) {
      if (key === undefined) return run();
      const known = recent.get(key);
      if (known) return known;
      const completion = run();
      recent.set(key, completion);
      if (recent.size > limit) {
        const [oldest] = recent.keys();
        if (oldest !== undefined) recent.delete(oldest);
      }
      return completion;
    },
  };
}
