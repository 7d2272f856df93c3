import {
  Kind,
  getNamedType,
  getNullableType,
  getOperationAST,
  isListType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';
import type {
  DocumentNode,
  FieldNode,
  FragmentSpreadNode,
  GraphQLCompositeType,
  GraphQLSchema,
  InlineFragmentNode,
  SelectionNode,
  SelectionSetNode,
} from 'graphql';
import { isDefer } from './defer-directive';
import { pruneUnused } from './prune-unused';

/** One fragment sent after the primary part: its own operation, rooted like the original. */
export interface DeferredPart {
  readonly label: string | undefined;
  /** Response keys from the root to the object the fragment's fields belong to. */
  readonly path: readonly string[];
  readonly document: DocumentNode;
}

export interface DeferSplit {
  /** The operation without the deferred fragments, each object keeping its key under KEY_ALIAS. */
  readonly primary: DocumentNode;
  readonly deferred: readonly DeferredPart[];
}

/** The alias under which both parts select the deferred object's `id`, to prove it is the same one. */
export const KEY_ALIAS = '__deferKey';

type Variables = Readonly<Record<string, unknown>>;
type Deferrable = InlineFragmentNode | FragmentSpreadNode;
type Ancestor = FieldNode | InlineFragmentNode;
interface Place {
  readonly type: GraphQLCompositeType;
  readonly path: readonly string[];
  readonly ancestors: readonly Ancestor[];
  /** Whether a list lies between the root and here: a follow-up could not address the item. */
  readonly inList: boolean;
}

const KEY_FIELD: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: KEY_ALIAS },
  name: { kind: Kind.NAME, value: 'id' },
};
const selectionSet = (selections: readonly SelectionNode[]): SelectionSetNode => ({
  kind: Kind.SELECTION_SET,
  selections,
});
const withoutDeferOn = <T extends Deferrable>(node: T): T => ({
  ...node,
  directives: node.directives?.filter((directive) => !isDefer(directive)),
});

// a keyless object cannot be re-addressed: its fragment stays in the primary part
const hasKey = (type: GraphQLCompositeType) =>
  isObjectType(type) && getNamedType(type.getFields().id?.type)?.name === 'ID';

function deferArgs(node: Deferrable, variables: Variables): { on: boolean; label: string | undefined } | undefined {
  const directive = node.directives?.find(isDefer);
  if (!directive) return undefined;
  const argument = (name: string) => directive.arguments?.find((arg) => arg.name.value === name)?.value;
  const condition = argument('if');
  const on = condition ? valueFromASTUntyped(condition, variables) !== false : true;
  const label = argument('label');
  return { on, label: label ? String(valueFromASTUntyped(label, variables)) : undefined };
}

/** The follow-up: the ancestors' chain down to the object, which selects its key and the fragment. */
function followUp(fragment: Deferrable, place: Place): readonly SelectionNode[] {
  let selections: readonly SelectionNode[] = [KEY_FIELD, withoutDeferOn(fragment)];
  for (const ancestor of [...place.ancestors].reverse())
    selections = [{ ...ancestor, selectionSet: selectionSet(selections) }];
  return selections;
}

interface Splitter {
  readonly schema: GraphQLSchema;
  readonly variables: Variables;
  readonly found: { fragment: Deferrable; place: Place; label: string | undefined }[];
}

function descend(node: Ancestor, place: Place, schema: GraphQLSchema): Place | undefined {
  if (node.kind === Kind.INLINE_FRAGMENT) {
    const type = node.typeCondition ? schema.getType(node.typeCondition.name.value) : place.type;
    return { ...place, type: type as GraphQLCompositeType, ancestors: [...place.ancestors, node] };
  }
  if (!node.selectionSet || !('getFields' in place.type)) return undefined;
  const fieldType = place.type.getFields()[node.name.value]?.type;
  if (!fieldType) return undefined;
  return {
    type: getNamedType(fieldType) as GraphQLCompositeType,
    path: [...place.path, (node.alias ?? node.name).value],
    ancestors: [...place.ancestors, node],
    inList: place.inList || isListType(getNullableType(fieldType)),
  };
}

function splitSelections(set: SelectionSetNode, place: Place, splitter: Splitter): SelectionSetNode {
  const selections = set.selections.flatMap((node): SelectionNode[] => {
    const defer = node.kind === Kind.FIELD ? undefined : deferArgs(node, splitter.variables);
    const splittable = place.path.length > 0 && !place.inList && hasKey(place.type);
    if (defer?.on && splittable && node.kind !== Kind.FIELD) {
      splitter.found.push({ fragment: node, place, label: defer.label });
      return [KEY_FIELD];
    }
    if (node.kind === Kind.FRAGMENT_SPREAD || !node.selectionSet) return [node];
    const inner = descend(node, place, splitter.schema);
    return inner ? [{ ...node, selectionSet: splitSelections(node.selectionSet, inner, splitter) }] : [node];
  });
  return selectionSet(selections);
}

/**
 * Splits a query at its `@defer` fragments: a primary operation without them, and one
 * follow-up operation per fragment, rooted at the same fields (same arguments) down to the
 * fragment's object. Only fragments on an object with an `id`, below the root and outside
 * lists, are split; any other `@defer` (inside a deferred fragment or a named fragment, in a
 * mutation, turned off by `if`) stays where it is and is answered in the primary part.
 * Undefined when nothing can be split.
 */
export function splitDeferred(
  schema: GraphQLSchema,
  document: DocumentNode,
  request: { operationName: string | null | undefined; variables: Variables },
): DeferSplit | undefined {
  const operation = getOperationAST(document, request.operationName);
  const query = schema.getQueryType();
  if (!operation || operation.operation !== 'query' || !query) return undefined;
  const splitter: Splitter = { schema, variables: request.variables, found: [] };
  const root: Place = { type: query, path: [], ancestors: [], inList: false };
  const primarySet = splitSelections(operation.selectionSet, root, splitter);
  if (splitter.found.length === 0) return undefined;
  const rooted = (selections: readonly SelectionNode[]) =>
    pruneUnused({ ...operation, selectionSet: selectionSet(selections) }, document.definitions);
  return {
    primary: rooted(primarySet.selections),
    deferred: splitter.found.map(({ fragment, place, label }) => ({
      label,
      path: place.path,
      document: rooted(followUp(fragment, place)),
    })),
  };
}
