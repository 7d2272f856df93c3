import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import type { PlanNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';

/** What a query plan costs: the subgraphs it calls, how many fetches, how many in a row. */
export interface PlanSummary {
  readonly subgraphs: readonly string[];
  readonly fetches: number;
  /** Fetches that must wait for one another: the round trips on the critical path. */
  readonly depth: number;
  readonly text: string;
}

interface Walk {
  readonly fetches: string[];
}

function depthOf(node: PlanNode | SubscriptionNode, walk: Walk): number {
  switch (node.kind) {
    case 'Fetch':
      walk.fetches.push(node.serviceName);
      return 1;
    case 'Sequence':
      return node.nodes.reduce((sum, child) => sum + depthOf(child, walk), 0);
    case 'Parallel':
      return Math.max(0, ...node.nodes.map((child) => depthOf(child, walk)));
    case 'Flatten':
      return depthOf(node.node, walk);
    case 'Subscription':
      return depthOf(node.primary, walk) + (node.rest ? depthOf(node.rest, walk) : 0);
    case 'Condition':
      return Math.max(
        node.ifClause ? depthOf(node.ifClause, walk) : 0,
        node.elseClause ? depthOf(node.elseClause, walk) : 0,
      );
    case 'Defer': {
      const primary = node.primary.node ? depthOf(node.primary.node, walk) : 0;
      const deferred = node.deferred.map((branch) => (branch.node ? depthOf(branch.node, walk) : 0));
      return primary + Math.max(0, ...deferred);
    }
  }
}

/** Summarises a plan the gateway's own planner built. */
export function summarisePlan(plan: QueryPlan): PlanSummary {
  const walk: Walk = { fetches: [] };
  const depth = plan.node ? depthOf(plan.node, walk) : 0;
  return { subgraphs: [...new Set(walk.fetches)], fetches: walk.fetches.length, depth, text: prettyFormatQueryPlan(plan) };
}

/** Plans operations against one composed supergraph, as the gateway would. */
export function createPlanner(supergraphSdl: string): (body: string, operationName: string) => PlanSummary | undefined {
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const planner = new QueryPlanner(supergraph);
  return (body, operationName) => {
    try {
      const operation = operationFromDocument(apiSchema, parse(body), { operationName });
      return summarisePlan(planner.buildQueryPlan(operation));
    } catch {
      // an operation the schema no longer accepts has no plan: the validation reports it
      return undefined;
    }
  };
}
