import { Kind, getNamedType, isObjectType, parse, print } from 'graphql';
import type { FieldNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';

/** The variable a resumed subscription passes its last event ID in. */
export const RESUME_VARIABLE = 'shopgraphResumeAfter';
/** The alias under which every upstream event reports its ID, whatever the client selected. */
export const EVENT_ID_ALIAS = 'shopgraphEventId';

/** How to (re)subscribe to the owning subgraph, derived once per operation. */
export interface ResumableOperation {
  /** The primary fetch, plus the event ID when the event type has one. */
  readonly query: string;
  /** The same with `after: $shopgraphResumeAfter`, when the field takes `after`; else undefined. */
  readonly resumeQuery: string | undefined;
  /** Where the event sits in an upstream result. */
  readonly responseKey: string;
}

function rootField(operation: OperationDefinitionNode): FieldNode {
  const [field] = operation.selectionSet.selections;
  // the planner always sends a subscription's single root field as a plain field
  if (field?.kind !== Kind.FIELD) throw new Error('A subscription fetch must select one root field');
  return field;
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const variable = (value: string) => ({ kind: Kind.VARIABLE, name: name(value) }) as const;

function withEventId(field: FieldNode): FieldNode {
  const id = { kind: Kind.FIELD, alias: name(EVENT_ID_ALIAS), name: name('id') } as const;
  const selections = [...(field.selectionSet?.selections ?? []), id];
  return { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections } };
}

function withResumeArgument(operation: OperationDefinitionNode, field: FieldNode): OperationDefinitionNode {
  const argument = { kind: Kind.ARGUMENT, name: name('after'), value: variable(RESUME_VARIABLE) } as const;
  const resumed = {
    ...field,
    arguments: [...(field.arguments ?? []).filter((a) => a.name.value !== 'after'), argument],
  };
  const definition = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: variable(RESUME_VARIABLE),
    type: { kind: Kind.NAMED_TYPE, name: name('ID') },
  } as const;
  return {
    ...operation,
    variableDefinitions: [...(operation.variableDefinitions ?? []), definition],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [resumed] },
  };
}

/**
 * Makes a subscription fetch resumable. Every event then reports its ID, and when the
 * field takes `after` (all of API.md's subscriptions do), a resubscription can start right
 * after the last event delivered, so an upstream restart leaves neither gap nor duplicate.
 */
export function resumableOperation(primaryOperation: string, apiSchema: GraphQLSchema): ResumableOperation {
  const document = parse(primaryOperation);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('A subscription fetch has no operation');
  const field = rootField(operation);
  const definition = apiSchema.getSubscriptionType()?.getFields()[field.name.value];
  const eventType = definition ? getNamedType(definition.type) : undefined;
  const hasId = isObjectType(eventType) && 'id' in eventType.getFields();
  const takesAfter = definition?.args.some((arg) => arg.name === 'after') ?? false;
  const tracked = hasId ? withEventId(field) : field;
  const base = { ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections: [tracked] } } as const;
  const printed = (definitionNode: OperationDefinitionNode) =>
    print({ ...document, definitions: [definitionNode, ...document.definitions.filter((d) => d !== operation)] });
  return {
    query: printed(base),
    resumeQuery: hasId && takesAfter ? printed(withResumeArgument(base, tracked)) : undefined,
    responseKey: field.alias?.value ?? field.name.value,
  };
}
