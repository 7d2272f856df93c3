import type { GraphQLFormattedError } from 'graphql';
import type { FormattedExecutionResult } from 'graphql-ws';
import { backoffDelay } from '@shopgraph/service-kit/backoff';
import type { Identity } from '@shopgraph/service-kit/identity';
import { EVENT_ID_ALIAS, RESUME_VARIABLE } from './resume-operation';
import type { ResumableOperation } from './resume-operation';
import type { UpstreamPool, UpstreamTarget } from './upstream-pool';
import { signSubscription } from '@shopgraph/service-kit/subscription-signature';

/** One event as the subgraph sent it. */
export type UpstreamEvent = FormattedExecutionResult<Record<string, unknown>, unknown>;

/** Receives one upstream subscription's events; exactly one of `fail` and `complete` ends it. */
export interface UpstreamSink {
  next(event: UpstreamEvent): void;
  fail(errors: readonly GraphQLFormattedError[]): void;
  complete(): void;
}

/** How hard to try again when the subgraph's socket goes away. */
export interface ResubscribePolicy {
  /** Consecutive failed attempts before the subscription ends SUBGRAPH_UNAVAILABLE. Default 20 (about 35 s). */
  readonly attempts?: number;
  /** First delay, doubled per failure, in ms. Default 50. */
  readonly baseDelayMs?: number;
  /** Longest delay between attempts, in ms. Default 2_000. */
  readonly maxDelayMs?: number;
}

/** Options of {@link subscribeUpstream}. */
export interface UpstreamSubscriptionOptions {
  readonly pool: UpstreamPool;
  readonly target: UpstreamTarget;
  readonly operation: ResumableOperation;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly identity: Identity;
  /** Sent along unsigned, for the logs (the request ID). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly sink: UpstreamSink;
  readonly retry?: ResubscribePolicy;
}

const UNAVAILABLE: GraphQLFormattedError = {
  message: 'The service behind this subscription is unavailable; subscribe again later.',
  extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
};
// IDs remembered to drop an event a resumed upstream sends twice at the seam
const REMEMBERED_IDS = 256;

/** The event ID the resumable operation asked for, if the event carries one. */
export function eventIdOf(event: UpstreamEvent, responseKey: string): string | undefined {
  const root = event.data?.[responseKey] as Record<string, unknown> | null | undefined;
  const id = root?.[EVENT_ID_ALIAS];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function recentIds() {
  const ids = new Set<string>();
  return {
    has: (id: string) => ids.has(id),
    add(id: string) {
      ids.add(id);
      // a Set iterates in insertion order: the first is the oldest
      if (ids.size > REMEMBERED_IDS) ids.delete(ids.values().next().value ?? id);
    },
  };
}

/**
 * One subscription to the owning subgraph that survives the subgraph's restarts: when its
 * socket closes, the subscription is signed afresh and sent again with `after` set to the
 * last event delivered, after a short backoff. GraphQL errors from the subgraph (a
 * refusal) end it. Returns the function that ends it from our side.
 */
export function subscribeUpstream(options: UpstreamSubscriptionOptions): () => void {
  const { pool, target, operation, variables, identity, extensions, sink } = options;
  const { attempts = 20, baseDelayMs = 50, maxDelayMs = 2_000 } = options.retry ?? {};
  const client = pool.clientFor(target);
  const seen = recentIds();
  /** Bumped on every resubscription: events of an earlier attempt are dropped. */
  let generation = 0;
  /** Failed attempts in a row; an event resets it. */
  let failures = 0;
  let stopped = false;
  let lastId: string | undefined;
  let active: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const request = () =>
    lastId !== undefined && operation.resumeQuery !== undefined
      ? { query: operation.resumeQuery, variables: { ...variables, [RESUME_VARIABLE]: lastId } }
      : { query: operation.query, variables };
  const stop = () => {
    stopped = true;
    active?.();
    active = undefined;
    clearTimeout(timer);
    offClosed();
  };
  const retryLater = () => {
    active?.();
    active = undefined;
    generation += 1;
    if (failures >= attempts) return void (stop(), sink.fail([UNAVAILABLE]));
    failures += 1;
    const delay = backoffDelay({ initialMs: baseDelayMs, maxMs: maxDelayMs }, failures);
    timer = setTimeout(attempt, delay);
  };
  const deliver = (event: UpstreamEvent) => {
    failures = 0;
    const id = eventIdOf(event, operation.responseKey);
    if (id !== undefined) {
      if (seen.has(id)) return;
      seen.add(id);
      lastId = id;
    }
    sink.next(event);
  };
  function attempt() {
    const mine = generation;
    const current = () => !stopped && generation === mine;
    const payload = signSubscription({ secret: target.secret, identity, operation: { ...request(), extensions } });
    active = client.subscribe(payload, {
      next: (event) => current() && deliver(event),
      // an array is the subgraph's refusal; anything else is the socket going away
      error: (error) => current() && (Array.isArray(error) ? (stop(), sink.fail(error)) : retryLater()),
      complete: () => current() && (stop(), sink.complete()),
    });
  }
  const offClosed = pool.onClosed(target.url, () => active && retryLater());
  attempt();
  return stop;
}
