import type { ServiceMap } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import pLimit from 'p-limit';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Logger } from '@shopgraph/service-kit/logger';
import { tracerFor } from '@shopgraph/service-kit/tracing/tracing';
import type { GatewayContext } from '../gateway-context';
import { sharingKey } from './answer-scope';
import { createEventQueue } from './event-queue';
import type { Backlog } from './event-queue';
import { eventExecutor } from './execute-event';
import type { PlannedOperation, SubscriptionPlanner } from './subscription-planner';
import type { UpstreamPool, UpstreamTarget } from './upstream-pool';
import { createSharedCompletions } from './shared-completions';
import { createSharedUpstreams } from './shared-upstreams';
import { traceDelivery, traceUpstreamEvent } from './traced-events';
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
  readonly log: Logger;
}

/** One client subscription. */
export interface FederatedSubscribeRequest {
  readonly operation: PlannedOperation;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly context: GatewayContext;
  /** Counts the events waiting for this client. */
  readonly backlog?: Backlog;
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

type Item =
  | { readonly kind: 'event'; readonly event: UpstreamEvent; readonly result: Promise<ExecutionResult> }
  | { readonly kind: 'failure'; readonly errors: readonly GraphQLError[] };

const asErrors = (errors: readonly GraphQLFormattedError[]) =>
  errors.map((error) => new GraphQLError(error.message, { extensions: error.extensions ?? {} }));

function pick(variables: Readonly<Record<string, unknown>>, names: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => name in variables).map((name) => [name, variables[name]]));
}

/** One shared upstream event reaches every subscriber's queue: it is measured once, not once per subscriber. */
const eventSizes = new WeakMap<UpstreamEvent, number>();
function sizeOf(event: UpstreamEvent): number {
  let size = eventSizes.get(event);
  if (size === undefined) eventSizes.set(event, (size = JSON.stringify(event).length));
  return size;
}

/**
 * Federated subscriptions: `primary` runs as one graphql-ws subscription on the owning
 * subgraph's shared socket, and every event is completed by `rest` through the gateway's
 * executor. Completions are pipelined: each starts as its event arrives, and the client
 * receives them in upstream order (its queue holds the completions in that order), so a
 * burst costs one round trip to the other subgraphs, not one per event.
 */
export function createFederatedSubscriptions(options: FederatedSubscriptionsOptions): FederatedSubscriptions {
  const { pool, target, retry, log, maxConcurrentCompletions = 32 } = options;
  const limit = pLimit(maxConcurrentCompletions);
  const completions = createSharedCompletions();
  const upstreams = createSharedUpstreams();
  const tracer = tracerFor('gateway');
  return {
    subscribe({ operation, variables, context, backlog }) {
      const planner = options.planner();
      const plan = planner.plan(operation);
      const queue = createEventQueue<Item>({ backlog });
      const fail = (errors: readonly GraphQLError[]) => (queue.push({ kind: 'failure', errors }, 0), queue.end());
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
      const sink = {
        next: (event: UpstreamEvent) => {
          if (queue.ended) return;
          const result = member.complete(eventIdOf(event, plan.upstream.responseKey), () =>
            limit(() => traceUpstreamEvent(traced, event, () => execute(event))),
          );
          // awaited in order by `next()`; until then a rejection must not count as unhandled
          result.catch(() => undefined);
          queue.push({ kind: 'event', event, result }, sizeOf(event));
        },
        fail: (errors: readonly GraphQLFormattedError[]) => fail(asErrors(errors)),
        complete: () => queue.end(),
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
      const items = queue[Symbol.asyncIterator]();
      const finish = async (): Promise<IteratorResult<ExecutionResult>> => {
        stop();
        member.leave();
        queue.end();
        await items.return?.();
        return { done: true, value: undefined };
      };
      const subscription: FederatedSubscription = {
        async next() {
          const item = await items.next();
          if (item.done) return finish();
          if (item.value.kind === 'failure') return { done: false, value: { errors: [...item.value.errors] } };
          const dequeued = Date.now();
          const value = await item.value.result;
          traceDelivery(traced, item.value.event, dequeued);
          return { done: false, value };
        },
        return: finish,
        fail,
        [Symbol.asyncIterator]: () => subscription,
      };
      return subscription;
    },
    held: () => ({ upstreams: upstreams.held(), ...completions.held(), waiting: limit.pendingCount }),
  };
}
