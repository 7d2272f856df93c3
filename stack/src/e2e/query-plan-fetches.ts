import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { PlanNode, SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';

const supergraphPath = fileURLToPath(new URL('../../../supergraph.graphql', import.meta.url));

function countFetches(node: PlanNode | SubscriptionNode | undefined, counts: Map<string, number>): void {
  if (!node) return;
  switch (node.kind) {
    case 'Fetch':
      counts.set(node.serviceName, (counts.get(node.serviceName) ?? 0) + 1);
      return;
    case 'Sequence':
    case 'Parallel':
      node.nodes.forEach((child) => countFetches(child, counts));
      return;
    case 'Flatten':
      countFetches(node.node, counts);
      return;
    default:
      throw new Error(`plan node ${node.kind} is not expected in these queries`);
  }
}

/** How many fetches the gateway's query planner makes to each subgraph for `query`. */
export async function fetchesPerSubgraph(query: string): Promise<Map<string, number>> {
  const supergraph = Supergraph.build(await readFile(supergraphPath, 'utf8'));
  const operation = operationFromDocument(supergraph.schema, parse(query));
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operation);
  const counts = new Map<string, number>();
  countFetches(plan.node, counts);
  return counts;
}
