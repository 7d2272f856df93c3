import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import type { Schema } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import type { OperationContext } from '@apollo/gateway/dist/operationContext';
import { QueryPlanner } from '@apollo/query-planner';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { AnswerScope } from './answer-scope';
import { narrower } from './answer-scope';
import { scopeOfFetch, scopeOfPlan } from './declared-scopes';
import { resumableOperation } from './resume-operation';
import type { ResumableOperation } from './resume-operation';

/** A subscription as the supergraph runs it: one upstream subscription, then `rest` per event. */
export interface SubscriptionPlan {
  readonly primary: FetchNode;
  readonly rest: PlanNode | undefined;
  readonly upstream: ResumableOperation;
  readonly operationContext: OperationContext;
  /**
   * Whom, as the subgraphs declared (`@sharedAnswer`), the upstream subscription's events and
   * each event's completed result may be shared with.
   */
  readonly sharing: { readonly upstream: AnswerScope; readonly completion: AnswerScope };
}

/** What {@link eventExecutor} needs of the supergraph, alongside a plan. */
export interface PlanningSchemas {
  /** The public schema clients validate against (no join__ types). */
  readonly apiSchema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  readonly federationApiSchema: Schema;
}

export interface SubscriptionPlanner extends PlanningSchemas {
  /** Plans one subscription operation (cached by its text); throws when it is not a subscription. */
  plan(operation: PlannedOperation): SubscriptionPlan;
  /** Each subgraph's routing URL from the supergraph. */
  readonly routingUrls: ReadonlyMap<string, string>;
}

/** A validated operation: its text is the cache key. */
export interface PlannedOperation {
  readonly source: string;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
}

const MAX_CACHED_PLANS = 500;

/**
 * Plans subscriptions as @apollo/gateway plans queries: the same QueryPlanner over the same
 * supergraph. Build a new one when the supergraph changes (see the server's `schema` option).
 */
export function createSubscriptionPlanner(supergraphSdl: string): SubscriptionPlanner {
  const supergraph = Supergraph.build(supergraphSdl);
  const federationApiSchema = supergraph.apiSchema();
  const apiSchema = federationApiSchema.toGraphQLJSSchema();
  const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const routingUrls = new Map([...supergraph.subgraphs()].map((subgraph) => [subgraph.name, subgraph.url]));
  const cache = new Map<string, SubscriptionPlan>();

  const build = ({ document, operationName }: PlannedOperation): SubscriptionPlan => {
    const named = operationName === undefined ? {} : { operationName };
    const operation = operationFromDocument(federationApiSchema, document, named);
    const { node } = planner.buildQueryPlan(operation);
    if (node?.kind !== 'Subscription') throw new Error('Only subscription operations are served over WebSocket');
    const upstream = scopeOfFetch(supergraphSchema, node.primary.operation);
    return {
      sharing: { upstream, completion: narrower(upstream, scopeOfPlan(supergraphSchema, node.rest)) },
      primary: node.primary,
      rest: node.rest,
      upstream: resumableOperation(node.primary.operation, apiSchema),
      operationContext: buildOperationContext({ schema: apiSchema, operationDocument: document, ...named }),
    };
  };

  return {
    apiSchema,
    supergraphSchema,
    federationApiSchema,
    routingUrls,
    plan(operation) {
      const key = `${operation.operationName ?? ''}\n${operation.source}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const plan = build(operation);
      // plans are small and a client population reuses few operations: a full reset is enough
      if (cache.size >= MAX_CACHED_PLANS) cache.clear();
      cache.set(key, plan);
      return plan;
    },
  };
}
