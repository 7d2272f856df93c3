import { CriticalityLevel, diff } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';

export type Severity = 'breaking' | 'dangerous' | 'safe';

/** One API-schema change, as @graphql-inspector/core classifies it. */
export interface SchemaChange {
  readonly severity: Severity;
  readonly type: string;
  readonly message: string;
  /** Schema coordinate, e.g. `Product.stock` or `Query.products.first`. */
  readonly path: string | undefined;
  readonly reason: string | undefined;
}

const severityOf: Record<CriticalityLevel, Severity> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/** Every change between two API schemas (what clients see, not the supergraph's join directives). */
export async function classifyChanges(before: GraphQLSchema, after: GraphQLSchema): Promise<SchemaChange[]> {
  const changes = await diff(before, after);
  return changes.map((change) => ({
    severity: severityOf[change.criticality.level],
    type: change.type,
    message: change.message,
    path: change.path,
    reason: change.criticality.reason,
  }));
}
