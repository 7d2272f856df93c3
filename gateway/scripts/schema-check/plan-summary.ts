import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { withoutDefer } from '../../src/defer/defer-directive';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import type { PlanNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { fetchedFields } from './fetched-fields';

/** What a query plan costs: the subgraphs it calls, how many fetches, how many in a row. */
export interface PlanSummary {
  readonly subgraphs: readonly string[];
  readonly fetches: number;
  /** Fetches that must wait for one another: the round trips on the critical path. */
  readonly depth: number;
  readonly outline: readonly string[];
  /** The plan as the gateway's planner prints it. */
  readonly text: string;
}

interface Walk {
  readonly fetches: string[];
  /** One line per node, indented by nesting: the plan's shape without its selections. */
  readonly outline: string[];
  level: number;
}

function nested(walk: Walk, line: string, inner: () => number): number {
  walk.outline.push(`${'  '.repeat(walk.level)}${line}`);
  walk.level += 1;
  const depth = inner();
  walk.level -= 1;
  return depth;
}

function depthOf(node: PlanNode | SubscriptionNode, walk: Walk): number {
  switch (node.kind) {
    case 'Fetch':
      walk.fetches.push(node.serviceName);
      walk.outline.push(
        `${'  '.repeat(walk.level)}Fetch ${node.serviceName}: ${fetchedFields(node.operation).join(', ')}`,
      );
      return 1;
    case 'Sequence':
      return nested(walk, 'Sequence', () => node.nodes.reduce((sum, child) => sum + depthOf(child, walk), 0));
    case 'Parallel':
      return nested(walk, 'Parallel', () => Math.max(0, ...node.nodes.map((child) => depthOf(child, walk))));
    case 'Flatten':
      return nested(walk, `at ${node.path.join('.')}`, () => depthOf(node.node, walk));
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
  const walk: Walk = { fetches: [], outline: [], level: 0 };
  const depth = plan.node ? depthOf(plan.node, walk) : 0;
  const subgraphs = [...new Set(walk.fetches)];
  return { subgraphs, fetches: walk.fetches.length, depth, outline: walk.outline, text: prettyFormatQueryPlan(plan) };
}

/** Plans operations against one composed supergraph, as the gateway would. */
export function createPlanner(
  supergraphSdl: string,
): (body: string, operationName: string | undefined) => PlanSummary | undefined {
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const planner = new QueryPlanner(supergraph);
  return (body, operationName) => {
    try {
      const operation = operationFromDocument(
        apiSchema,
        // planned as the gateway runs it whole: without `@defer`
        withoutDefer(parse(body)),
        operationName === undefined ? {} : { operationName },
      );
      return summarisePlan(planner.buildQueryPlan(operation));
    } catch {
      // an operation the schema no longer accepts has no plan: the validation reports it
      return undefined;
    }
  };
}
