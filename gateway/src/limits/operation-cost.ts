import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
} from 'graphql';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  NamedTypeNode,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
} from 'graphql';
import { PAGE_SIZE } from '@shopgraph/service-kit/pagination';

/** What {@link operationCost} needs besides the operation. */
export interface CostOptions {
  readonly schema: GraphQLSchema;
  /** The document's fragment of that name (validation's `context.getFragment`). */
  readonly fragment: (name: string) => FragmentDefinitionNode | undefined;
  /** Items assumed for a list that has no `first` and is not the page of a paginated field. */
  readonly defaultListSize: number;
  /** Items assumed when `first` is a variable: the cost is computed before variables are known. */
  readonly variableListSize: number;
}

/** Where a selection is counted: its type, and the page size its lists inherit (`edges`). */
interface Scope {
  readonly type: GraphQLCompositeType;
  readonly pageSize?: number;
}

// a connection's page size comes from either end (Relay: `first` or `last`)
const PAGE_SIZE_ARGUMENTS = ['first', 'last'] as const;

function fieldDefinition(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** The size one page-size argument asks for, or undefined when the field does not take it. */
function argumentSize(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  at: { name: string; options: CostOptions },
) {
  const argument = definition.args.find(({ name }) => name === at.name);
  if (!argument) return undefined;
  const value = field.arguments?.find(({ name }) => name.value === at.name)?.value;
  if (value?.kind === Kind.INT) return Math.max(0, Number.parseInt(value.value, 10));
  // any value the client may send at run time: the subgraphs refuse more than this
  if (value?.kind === Kind.VARIABLE) return at.options.variableListSize;
  return typeof argument.defaultValue === 'number' ? argument.defaultValue : undefined;
}

/** The page size a field asks for through `first` or `last` (the subgraphs' default without either), or undefined for a field that is no connection. */
function requestedSize(field: FieldNode, definition: GraphQLField<unknown, unknown>, options: CostOptions) {
  if (!definition.args.some(({ name }) => name === 'first')) return undefined;
  const sizes = PAGE_SIZE_ARGUMENTS.map((name) => argumentSize(field, definition, { name, options }));
  const given = sizes.filter((size): size is number => size !== undefined);
  return given.length > 0 ? Math.max(...given) : PAGE_SIZE.default;
}

// One counter per operation: it remembers what each fragment costs in a given page scope.
class CostCounter {
  private readonly fragmentCosts = new Map<string, number>();
  private readonly expanding = new Set<string>();

  constructor(private readonly options: CostOptions) {}

  selectionSet(selectionSet: SelectionSetNode, scope: Scope): number {
    return selectionSet.selections.reduce((total, selection) => total + this.selection(selection, scope), 0);
  }

  private selection(selection: SelectionNode, scope: Scope): number {
    if (selection.kind === Kind.FIELD) return this.field(selection, scope);
    if (selection.kind === Kind.FRAGMENT_SPREAD) return this.spread(selection.name.value, scope);
    const narrowed = this.narrow(selection.typeCondition, scope);
    return narrowed ? this.selectionSet(selection.selectionSet, narrowed) : 0;
  }

  private narrow(condition: NamedTypeNode | undefined, scope: Scope): Scope | undefined {
    if (!condition) return scope;
    const type = this.options.schema.getType(condition.name.value);
    return isCompositeType(type) ? { ...scope, type } : undefined;
  }

  // memoised: a fragment spread twice inside one spread twice… would otherwise cost 2^n walks
  private spread(name: string, scope: Scope): number {
    const key = `${name}/${scope.pageSize ?? ''}`;
    const known = this.fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = this.options.fragment(name);
    // unknown and cyclic fragments are refused by graphql's own rules; they add nothing here
    const narrowed = fragment && !this.expanding.has(name) ? this.narrow(fragment.typeCondition, scope) : undefined;
    if (!fragment || !narrowed) return 0;
    this.expanding.add(name);
    const cost = this.selectionSet(fragment.selectionSet, narrowed);
    this.expanding.delete(name);
    this.fragmentCosts.set(key, cost);
    return cost;
  }

  private field(field: FieldNode, scope: Scope): number {
    const definition = field.name.value.startsWith('__') ? undefined : fieldDefinition(scope.type, field.name.value);
    const type = definition && getNullableType(definition.type);
    const named = type && getNamedType(type);
    if (!definition || !field.selectionSet || !isCompositeType(named)) return 0;
    const size = requestedSize(field, definition, this.options);
    if (isListType(type)) {
      const items = size ?? scope.pageSize ?? this.options.defaultListSize;
      return 1 + items * this.selectionSet(field.selectionSet, { type: named });
    }
    // a paginated field (a connection) is one object; its list fields are the page
    const inner: Scope = size === undefined ? { type: named } : { type: named, pageSize: size };
    return 1 + this.selectionSet(field.selectionSet, inner);
  }
}

/**
 * The cost of one operation: every field that returns an object costs 1 each time it appears
 * in the response; leaves (scalars, enums, `__typename`) cost nothing. A list multiplies its
 * selection by its size: its own `first`, else the `first` of the paginated field it is the
 * page of (`orders(first: 50) { edges }` is counted once, at `edges`), else `defaultListSize`.
 * Introspection is not counted (production disables it).
 */
export function operationCost(operation: OperationDefinitionNode, options: CostOptions): number {
  const root = options.schema.getRootType(operation.operation);
  return root ? new CostCounter(options).selectionSet(operation.selectionSet, { type: root }) : 0;
}
