import { Kind, parse } from 'graphql';
import type { ConstDirectiveNode, FragmentDefinitionNode, GraphQLSchema, SelectionSetNode } from 'graphql';
import type { PlanNode } from '@apollo/query-planner';
import { CALLER, EVERYONE, narrower } from './answer-scope';
import type { AnswerScope } from './answer-scope';

/**
 * The contract a subgraph states in its SDL (`@link(url: ".../answer/v1.0", import:
 * ["@sharedAnswer"])` and `@composeDirective`), read from the supergraph: on a field, the
 * field's answer (its whole subtree, and the entity it hangs on when fetched by key) is the
 * same for every caller, or with `roles`, for every caller holding one of them.
 */
export const SHARED_ANSWER_DIRECTIVE = 'sharedAnswer';

function declaredScope(schema: GraphQLSchema, typeName: string, fieldName: string): AnswerScope {
  if (fieldName === '__typename') return EVERYONE;
  const type = schema.getType(typeName);
  const field = type && 'getFields' in type ? type.getFields()[fieldName] : undefined;
  const directives = field?.astNode?.directives ?? [];
  // composition merges a directive over every subgraph resolving a field: where several do, the
  // supergraph cannot say that each declared it, so none is believed
  const named = (nodes: readonly ConstDirectiveNode[], wanted: string) =>
    nodes.filter(({ name }) => name.value === wanted).length;
  const resolvers = named(directives, 'join__field') || named(type?.astNode?.directives ?? [], 'join__type');
  if (resolvers > 1) return CALLER;
  const directive = directives.find(({ name }) => name.value === SHARED_ANSWER_DIRECTIVE);
  if (!directive) return CALLER;
  const roles = directive.arguments?.find(({ name }) => name.value === 'roles')?.value;
  if (roles === undefined || roles.kind === Kind.NULL) return EVERYONE;
  if (roles.kind !== Kind.LIST) return CALLER;
  const names = roles.values.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : []));
  return names.length === 0 ? CALLER : { kind: 'roles', roles: new Set(names) };
}

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

/** The narrowest scope of the top fields of `selections` on `typeName`; `_entities` looks inside. */
function scopeOfSelections(walk: Walk, typeName: string, selections: SelectionSetNode): AnswerScope {
  let scope = EVERYONE;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) {
      const inner = selection.name.value === '_entities' && selection.selectionSet;
      const part = inner
        ? scopeOfSelections(walk, typeName, inner)
        : declaredScope(walk.schema, typeName, selection.name.value);
      scope = narrower(scope, part);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      scope = narrower(
        scope,
        scopeOfSelections(walk, selection.typeCondition?.name.value ?? typeName, selection.selectionSet),
      );
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      scope = narrower(
        scope,
        fragment ? scopeOfSelections(walk, fragment.typeCondition.name.value, fragment.selectionSet) : CALLER,
      );
    }
    if (scope.kind === 'caller') return scope;
  }
  return scope;
}

/** Whom the answer to one fetch (a subgraph operation as the planner wrote it) may be shared with. */
export function scopeOfFetch(schema: GraphQLSchema, operation: string): AnswerScope {
  const document = parse(operation);
  const definitions = document.definitions;
  const fragments = new Map(
    definitions.flatMap((node) => (node.kind === Kind.FRAGMENT_DEFINITION ? [[node.name.value, node] as const] : [])),
  );
  const main = definitions.find((node) => node.kind === Kind.OPERATION_DEFINITION);
  if (main?.kind !== Kind.OPERATION_DEFINITION) return CALLER;
  const root =
    main.operation === 'subscription'
      ? schema.getSubscriptionType()
      : main.operation === 'query'
        ? schema.getQueryType()
        : undefined;
  return root ? scopeOfSelections({ schema, fragments }, root.name, main.selectionSet) : CALLER;
}

/** The narrowest scope of every fetch of a plan; a node of a kind not known here shares nothing. */
export function scopeOfPlan(schema: GraphQLSchema, node: PlanNode | undefined): AnswerScope {
  if (node === undefined) return EVERYONE;
  switch (node.kind) {
    case 'Fetch':
      return scopeOfFetch(schema, node.operation);
    case 'Flatten':
      return scopeOfPlan(schema, node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.reduce((scope, each) => narrower(scope, scopeOfPlan(schema, each)), EVERYONE);
    default:
      return CALLER;
  }
}
