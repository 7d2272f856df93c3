import { executeQueryPlan } from '@apollo/gateway';
import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { GatewayContext } from '../gateway-context';
import type { UpstreamEvent } from './upstream-subscription';
import type { PlannedOperation, PlanningSchemas, SubscriptionPlan } from './subscription-planner';

/** The pseudo-service an event is read from: the primary fetch, already answered upstream. */
const EVENT_SOURCE = '__subscriptionEvent';

/** Input of {@link eventExecutor}. */
export interface EventExecution {
  readonly plan: SubscriptionPlan;
  readonly schemas: PlanningSchemas;
  /** The gateway's signed, breaker-guarded data sources, by subgraph name. */
  readonly serviceMap: ServiceMap;
  readonly operation: PlannedOperation;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly context: GatewayContext;
  readonly log: Logger;
}

function eventSource(event: UpstreamEvent): GraphQLDataSource {
  return { process: async () => ({ data: event.data ?? null, ...(event.errors ? { errors: event.errors } : {}) }) };
}

/**
 * executeQueryPlan reads only `request.variables`, `context`, `logger` and `metrics` of a
 * request context; the rest of Apollo Server's request pipeline never runs for an event.
 */
function requestContext({ operation, variables, context, log, schemas }: EventExecution) {
  const partial = {
    request: { query: operation.source, variables, operationName: operation.operationName },
    context,
    logger: log,
    metrics: {},
    schema: schemas.apiSchema,
    document: operation.document,
    source: operation.source,
    operationName: operation.operationName ?? null,
  };
  return partial as unknown as GatewayGraphQLRequestContext<GatewayContext>;
}

/**
 * How a subscription resolves each of its events to the client's full selection. The plan,
 * built once, is the subscription's `rest` behind a stand-in for `primary` that answers with
 * the event, so the gateway's own executor does the rest: one batched `_entities` fetch per
 * fetch node through the normal signed fetchers (timeouts, breakers, partial results), then
 * Apollo's result shaping.
 */
export function eventExecutor(execution: EventExecution): (event: UpstreamEvent) => Promise<GatewayExecutionResult> {
  const { plan, schemas, serviceMap } = execution;
  const primary = { ...plan.primary, serviceName: EVENT_SOURCE };
  const node = plan.rest ? { kind: 'Sequence' as const, nodes: [primary, plan.rest] } : primary;
  const queryPlan: QueryPlan = { kind: 'QueryPlan', node };
  return (event) =>
    executeQueryPlan(
      queryPlan,
      { ...serviceMap, [EVENT_SOURCE]: eventSource(event) },
      requestContext(execution),
      plan.operationContext,
      schemas.supergraphSchema,
      schemas.federationApiSchema,
    );
}
