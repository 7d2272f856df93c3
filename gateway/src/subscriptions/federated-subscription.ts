import type { ServiceMap } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import pLimit from 'p-limit';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Logger } from '@shopgraph/service-kit/logger';
import { tracerFor } from '@shopgraph/service-kit/tracing/tracing';
import type { GatewayContext } from '../gateway-context';
import { sharingKey } from './answer-scope';
import type { Backlog } from './event-queue';
import { eventExecutor } from './execute-event';
import type { PlannedOperation, SubscriptionPlanner } from './subscription-planner';
import type { UpstreamPool, UpstreamTarget } from './upstream-pool';
import { completeWithOneRetry } from './completion-retry';
import { createSharedCompletions } from './shared-completions';
import { createSharedUpstreams } from './shared-upstreams';
import { DONE, pulledFeed, writtenFeed } from './result-feed';
import { traceUpstreamEvent } from './traced-events';
import { eventIdOf, subscribeUpstream } from './upstream-subscription';
import type { UpstreamEvent } from './upstream-subscription';
import type { ResubscribePolicy } from './upstream-subscription';

/** Options of {@link createFederatedSubscriptions}. */
export interface FederatedSubscriptionsOptions {
  /** The planner of the supergraph in force (it changes when the supergraph is reloaded). */
  readonly planner: () => SubscriptionPlanner;
  /** The gateway's signed HTTP data sources, by subgraph name. */
  readonly serviceMap: () => ServiceMap;
  readonly pool: UpstreamPool;
  /** The graphql-ws endpoint and secret of a subgraph, by name. */
  readonly target: (subgraph: string) => UpstreamTarget;
  readonly retry?: ResubscribePolicy;
  /**
   * Event completions running at once, over every subscription; the others wait their turn in
   * the gateway, where no subgraph timeout runs, instead of piling onto the subgraphs until they
   * time out (SUBGRAPH_UNAVAILABLE). Default 32.
   */
  readonly maxConcurrentCompletions?: number;
  /**
   * ms before a completion that a subgraph did not answer runs once more (see
   * {@link completeWithOneRetry}). Default 1_000.
   */
  readonly completionRetryDelayMs?: number;
  readonly log: Logger;
}

/** One client subscription. */
export interface FederatedSubscribeRequest {
  readonly operation: PlannedOperation;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly context: GatewayContext;
  /** Counts the events waiting for this client. */
  readonly backlog?: Backlog;
  /**
   * Writes each result to the client, in order, as soon as it is known; the subscription then
   * yields nothing and only ends. Default: results are yielded.
   */
  readonly write?: (result: ExecutionResult) => void;
}

/** The results of one subscription; `return()` ends it at once, even between events. */
export interface FederatedSubscription extends AsyncIterableIterator<ExecutionResult> {
  return(): Promise<IteratorResult<ExecutionResult>>;
  /** Ends the subscription with these errors as its last result (an expired token). */
  fail(errors: readonly GraphQLError[]): void;
}

export interface FederatedSubscriptions {
  /** Throws when the operation cannot be planned as a subscription. */
  subscribe(request: FederatedSubscribeRequest): FederatedSubscription;
  /** What is held for the subscriptions running: every figure is 0 once all have ended. */
  held(): {
    readonly upstreams: number;
    readonly scopes: number;
    readonly completions: number;
    /** Completions waiting for their turn (see `maxConcurrentCompletions`). */
    readonly waiting: number;
  };
}

const asErrors = (errors: readonly GraphQLFormattedError[]) =>
  errors.map((error) => new GraphQLError(error.message, { extensions: error.extensions ?? {} }));

function pick(variables: Readonly<Record<string, unknown>>, names: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => name in variables).map((name) => [name, variables[name]]));
}

/**
 * Federated subscriptions: `primary` runs as one graphql-ws subscription on the owning
 * subgraph's shared socket, and every event is completed by `rest` through the gateway's
 * executor. Completions are pipelined: each starts as its event arrives, and the client
 * receives them in upstream order (its queue holds the completions in that order), so a
 * burst costs one round trip to the other subgraphs, not one per event.
 */
export function createFederatedSubscriptions(options: FederatedSubscriptionsOptions): FederatedSubscriptions {
  const { pool, target, retry, log, maxConcurrentCompletions = 32, completionRetryDelayMs = 1_000 } = options;
  const limit = pLimit(maxConcurrentCompletions);
  const completions = createSharedCompletions();
  const upstreams = createSharedUpstreams();
  const tracer = tracerFor('gateway');
  return {
    subscribe({ operation, variables, context, backlog, write }) {
      const planner = options.planner();
      const plan = planner.plan(operation);
      const upstreamVariables = pick(variables, plan.primary.variableUsages);
      // an event's completion is shared by the subscribers of one operation and variables who
      // may see one answer: one identity, or more where every subgraph declared it (decision 0048)
      const member = completions.join(
        JSON.stringify([
          plan.primary.serviceName,
          operation.source,
          variables,
          sharingKey(plan.sharing.completion, context.identity),
        ]),
      );
      const execute = eventExecutor({
        plan,
        schemas: planner,
        serviceMap: options.serviceMap(),
        operation,
        variables,
        context,
        log,
      });
      const traced = { tracer, field: plan.upstream.responseKey, requestId: context.requestId };
      const feed = write ? writtenFeed(write, backlog, traced) : pulledFeed(backlog, traced);
      // each attempt takes its turn under the limit; none holds a turn while it waits to retry
      const complete = (event: UpstreamEvent) =>
        completeWithOneRetry(
          () => limit(() => traceUpstreamEvent(traced, event, () => execute(event))),
          completionRetryDelayMs,
        );
      const sink = {
        next: (event: UpstreamEvent) => {
          if (feed.ended) return;
          feed.event(event, member.complete(eventIdOf(event, plan.upstream.responseKey), event, complete));
        },
        fail: (errors: readonly GraphQLFormattedError[]) => feed.fail(asErrors(errors)),
        complete: () => feed.end(),
      };
      // the owner's URL too: a reloaded supergraph may move the field, or the owner, elsewhere
      const upstream = target(plan.primary.serviceName);
      const key = JSON.stringify([
        upstream.url,
        plan.upstream.query,
        upstreamVariables,
        sharingKey(plan.sharing.upstream, context.identity),
      ]);
      const start = (shared: typeof sink) =>
        subscribeUpstream({
          pool,
          target: upstream,
          operation: plan.upstream,
          variables: upstreamVariables,
          identity: context.identity,
          extensions: { requestId: context.requestId },
          ...(retry ? { retry } : {}),
          sink: shared,
        });
      const stop = upstreams.join(key, start, sink);
      const finish = async (): Promise<IteratorResult<ExecutionResult>> => {
        stop();
        member.leave();
        await feed.close();
        return DONE;
      };
      const subscription: FederatedSubscription = {
        async next() {
          const item = await feed.next().catch(async (error: unknown) => {
            // a completion that failed ends the subscription (graphql-ws sends the error)
            await finish();
            throw error;
          });
          return item.done ? finish() : item;
        },
        return: finish,
        fail: (errors) => feed.fail(errors),
        [Symbol.asyncIterator]: () => subscription,
      };
      return subscription;
    },
    held: () => ({ upstreams: upstreams.held(), ...completions.held(), waiting: limit.pendingCount }),
  };
}
