import { GraphQLError } from 'graphql';
import type { ValidationRule } from 'graphql';
import { operationCost } from './operation-cost';

/** Options of {@link listCostRule}; {@link operationLimits} holds their defaults. */
export interface ListCostOptions {
  /** Highest cost an operation may have. */
  readonly maxCost: number;
  /** Items assumed for a list that has no `first` and is not the page of a paginated field. */
  readonly defaultListSize: number;
  /** Items assumed when `first` is a variable (the largest page the subgraphs serve). */
  readonly variableListSize: number;
}

/**
 * Refuses an operation whose cost, with list sizes multiplied in (see {@link operationCost}),
 * is above `maxCost`. A validation rule rather than a plugin, so Apollo Server and the
 * WebSocket server refuse the same documents, before any subgraph is called.
 */
export function listCostRule({ maxCost, defaultListSize, variableListSize }: ListCostOptions): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = operationCost(operation, {
        schema: context.getSchema(),
        fragment: (name) => context.getFragment(name) ?? undefined,
        defaultListSize,
        variableListSize,
      });
      if (cost <= maxCost) return;
      context.reportError(
        new GraphQLError(`Operation cost ${cost} exceeds the limit of ${maxCost}.`, {
          nodes: operation,
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      );
    },
  });
}
