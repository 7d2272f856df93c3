import type { ExecutionResult } from 'graphql';
import { settling } from './ordered-writer';
import type { Settling } from './ordered-writer';
import type { UpstreamEvent } from './upstream-subscription';

/** One subscriber's way to the completions of its scope. */
export interface ScopeMember {
  /**
   * Completes `event` by `run`; members of one scope passing the same event ID share one
   * completion, and read its outcome without waiting once it is known. (`run` takes the event
   * rather than closing over it: a shared event reaches thousands of members, and all but the
   * first find it known, so none of them should allocate a function for it.)
   */
  complete(
    eventId: string | undefined,
    event: UpstreamEvent,
    run: (event: UpstreamEvent) => Promise<ExecutionResult>,
  ): Settling<ExecutionResult>;
  /** This subscriber is gone; the last one to leave a scope frees its completions. */
  leave(): void;
}

export interface SharedCompletions {
  join(scope: string): ScopeMember;
  /** Scopes with a subscriber, and the completions they hold: both 0 once every subscriber left. */
  held(): { readonly scopes: number; readonly completions: number };
}

interface Scope {
  members: number;
  readonly recent: Map<string, Settling<ExecutionResult>>;
}

/**
 * Subscribers with the same operation, variables and identity (a scope) see the same result
 * for the same upstream event, so its `rest` (one fetch per subgraph) runs once for all of
 * them rather than once each: a hundred tabs of one customer cost the subgraphs what one tab
 * does. A scope keeps its `limit` most recent completions (a subscriber further behind
 * completes the event itself), and nothing once its last subscriber has left: completions
 * never outlive the subscriptions they serve.
 */
export function createSharedCompletions(limit = 256): SharedCompletions {
  const scopes = new Map<string, Scope>();
  const memberOf = (name: string, scope: Scope): ScopeMember => {
    let left = false;
    return {
      complete(eventId, event, run) {
        if (eventId === undefined || left) return settling(run(event));
        const known = scope.recent.get(eventId);
        if (known) return known;
        const completion = settling(run(event));
        scope.recent.set(eventId, completion);
        if (scope.recent.size > limit) scope.recent.delete(scope.recent.keys().next().value ?? eventId);
        return completion;
      },
      leave() {
        if (left) return;
        left = true;
        scope.members -= 1;
        if (scope.members === 0 && scopes.get(name) === scope) scopes.delete(name);
      },
    };
  };
  return {
    join(name) {
      let scope = scopes.get(name);
      if (scope === undefined) {
        scope = { members: 0, recent: new Map() };
        scopes.set(name, scope);
      }
      scope.members += 1;
      return memberOf(name, scope);
    },
    held: () => ({
      scopes: scopes.size,
      completions: [...scopes.values()].reduce((sum, scope) => sum + scope.recent.size, 0),
    }),
  };
}
