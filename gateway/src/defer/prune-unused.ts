import { Kind, visit } from 'graphql';
import type { DefinitionNode, DocumentNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';

const isFragment = (definition: DefinitionNode): definition is FragmentDefinitionNode =>
  definition.kind === Kind.FRAGMENT_DEFINITION;

function namesUsed(node: OperationDefinitionNode | FragmentDefinitionNode) {
  const spreads = new Set<string>();
  const variables = new Set<string>();
  visit(node.selectionSet, {
    [Kind.FRAGMENT_SPREAD]: (spread) => void spreads.add(spread.name.value),
    [Kind.VARIABLE]: (variable) => void variables.add(variable.name.value),
  });
  return { spreads, variables };
}

/**
 * One operation and the fragments and variables it still uses: a part of a split
 * operation must validate on its own (GraphQL refuses unused fragments and variables).
 */
export function pruneUnused(operation: OperationDefinitionNode, fragments: readonly DefinitionNode[]): DocumentNode {
  const byName = new Map(fragments.filter(isFragment).map((fragment) => [fragment.name.value, fragment]));
  const kept = new Map<string, FragmentDefinitionNode>();
  const variables = new Set<string>();
  const pending: (OperationDefinitionNode | FragmentDefinitionNode)[] = [operation];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const used = namesUsed(node);
    used.variables.forEach((name) => variables.add(name));
    for (const name of used.spreads) {
      const fragment = byName.get(name);
      if (!fragment || kept.has(name)) continue;
      kept.set(name, fragment);
      pending.push(fragment);
    }
  }
  const variableDefinitions = (operation.variableDefinitions ?? []).filter((definition) =>
    variables.has(definition.variable.name.value),
  );
  return { kind: Kind.DOCUMENT, definitions: [{ ...operation, variableDefinitions }, ...kept.values()] };
}
