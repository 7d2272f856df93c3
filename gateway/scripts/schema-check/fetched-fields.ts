import { Kind, parse } from 'graphql';
import type { SelectionSetNode } from 'graphql';

function fieldNames(selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [selection.name.value];
    return selection.kind === Kind.INLINE_FRAGMENT ? fieldNames(selection.selectionSet) : [];
  });
}

/**
 * The fields one subgraph fetch asks for at its level: the root fields of the fetch, or for
 * an entity fetch the fields it adds to the entities (what moved when a plan changes).
 */
export function fetchedFields(operation: string): string[] {
  const definition = parse(operation).definitions[0];
  if (definition?.kind !== Kind.OPERATION_DEFINITION) return [];
  return definition.selectionSet.selections.flatMap((selection) => {
    if (selection.kind !== Kind.FIELD) return [];
    const entities = selection.name.value === '_entities' && selection.selectionSet;
    return entities ? fieldNames(entities) : [selection.name.value];
  });
}
