import { getNamedType, isInputObjectType, parse, TypeInfo, typeFromAST, visit, visitWithTypeInfo } from 'graphql';
import type { GraphQLNamedType, GraphQLSchema } from 'graphql';

/** What one operation touches in a schema: field/argument/input-field coordinates and named types. */
export interface OperationCoordinates {
  readonly coordinates: ReadonlySet<string>;
  readonly types: ReadonlySet<string>;
}

/** An input type reaches the operation whole: each of its fields (recursively) is used. */
function addType(type: GraphQLNamedType, into: { coordinates: Set<string>; types: Set<string> }): void {
  if (into.types.has(type.name)) return;
  into.types.add(type.name);
  if (!isInputObjectType(type)) return;
  for (const field of Object.values(type.getFields())) {
    into.coordinates.add(`${type.name}.${field.name}`);
    addType(getNamedType(field.type), into);
  }
}

/**
 * The schema coordinates an operation's document uses, read against the schema it was
 * written for (the one before the change). Unknown fields are skipped, not fatal: the
 * validation against the new schema reports them.
 */
export function operationCoordinates(schema: GraphQLSchema, body: string): OperationCoordinates {
  const into = { coordinates: new Set<string>(), types: new Set<string>() };
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field) return;
      into.coordinates.add(`${parent.name}.${node.name.value}`);
      into.types.add(parent.name);
      addType(getNamedType(field.type), into);
    },
    Argument(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      const argument = typeInfo.getArgument();
      if (!parent || !field || !argument) return;
      into.coordinates.add(`${parent.name}.${field.name}.${node.name.value}`);
      addType(getNamedType(argument.type), into);
    },
    VariableDefinition(node) {
      const type = typeFromAST(schema, node.type);
      if (type) addType(getNamedType(type), into);
    },
  });
  visit(parse(body), visitor);
  return into;
}
