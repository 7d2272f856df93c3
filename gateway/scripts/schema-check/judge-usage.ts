import { isEnumType, isInputObjectType, parse, validate } from 'graphql';
import { withDeferDirective } from '../../src/defer/defer-directive';
import type { GraphQLSchema } from 'graphql';
import type { SchemaChange } from './classify-changes';
import { operationCoordinates } from './operation-coordinates';
import type { OperationCoordinates } from './operation-coordinates';
import type { RecordedOperation } from './recorded-operations';

/** A breaking change and the recorded operations (with their clients) it breaks. */
export interface JudgedChange extends SchemaChange {
  readonly affected: readonly { readonly name: string; readonly hash: string; readonly clients: readonly string[] }[];
}

/** An operation that no longer validates against the new API schema. */
export interface InvalidOperation {
  readonly name: string;
  readonly hash: string;
  readonly clients: readonly string[];
  readonly errors: readonly string[];
}

function touches(change: SchemaChange, used: OperationCoordinates, before: GraphQLSchema): boolean {
  if (!change.path) return false;
  const segments = change.path.split('.');
  const [typeName = '', fieldName] = segments;
  if (used.coordinates.has(change.path)) return true;
  // an argument added to, or changed on, a field the operation selects
  if (segments.length === 3 && used.coordinates.has(`${typeName}.${fieldName}`)) return true;
  if (segments.length === 1) return used.types.has(typeName);
  // enum values and input fields: an operation using the type may send or receive any of them
  const type = before.getType(typeName);
  return (isEnumType(type) || isInputObjectType(type)) && used.types.has(typeName);
}

/**
 * Judges each breaking change against the recorded operations: a change no operation
 * touches passes; the others list the operations and clients they break.
 */
export function judgeUsage(options: {
  readonly changes: readonly SchemaChange[];
  readonly operations: readonly RecordedOperation[];
  readonly before: GraphQLSchema;
}): JudgedChange[] {
  const used = options.operations.map((operation) => ({
    operation,
    coordinates: operationCoordinates(options.before, operation.body),
  }));
  return options.changes.map((change) => ({
    ...change,
    affected:
      change.severity === 'breaking'
        ? used
            .filter(({ coordinates }) => touches(change, coordinates, options.before))
            .map(({ operation: { name, hash, clients } }) => ({ name, hash, clients }))
        : [],
  }));
}

/** The recorded operations the new API schema no longer accepts, whatever the change was. */
export function invalidOperations(after: GraphQLSchema, operations: readonly RecordedOperation[]): InvalidOperation[] {
  return operations.flatMap(({ name, hash, clients, body }) => {
    // the gateway accepts `@defer` on fragments (decision 0045): so does the check
    const errors = validate(withDeferDirective(after), parse(body)).map((error) => error.message);
    return errors.length > 0 ? [{ name, hash, clients, errors }] : [];
  });
}
