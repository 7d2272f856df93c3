import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, parse, specifiedRules, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema, ParseOptions, ValidationContext, ValidationRule } from 'graphql';
import { PAGE_SIZE } from '@shopgraph/service-kit/pagination';
import { listCostRule } from './list-cost-rule';

/** Options of {@link operationLimits}; `undefined` means the default. */
export interface OperationLimitOptions {
  /** Deepest nesting of fields; fragments add no level. Default 12. */
  readonly maxDepth?: number | undefined;
  /** Aliases in one operation (`__typename` aliases are free). Default 15. */
  readonly maxAliases?: number | undefined;
  /** Lexical tokens in one document; graphql-js stops parsing past it. Default 2_000. */
  readonly maxTokens?: number | undefined;
  /** Directives in one operation. Default 10. */
  readonly maxDirectives?: number | undefined;
  /** Highest cost: objects in the response, list sizes multiplied in. Default 10_000. */
  readonly maxCost?: number | undefined;
  /** Items counted for a list without `first` that is not a page (`Order.items`). Default 20. */
  readonly defaultListSize?: number | undefined;
  /** Items counted when `first` is a variable. Default 100, the largest page the subgraphs serve. */
  readonly variableListSize?: number | undefined;
}

/** The outcome of {@link OperationLimits.checkOperation}. */
export type OperationCheck =
  | { readonly ok: true; readonly document: DocumentNode }
  | { readonly ok: false; readonly errors: readonly GraphQLError[] };

/** One set of rules for every transport: Apollo Server over HTTP and the WebSocket server. */
export interface OperationLimits {
  /** Apollo Server's `validationRules` (graphql's own rules are added by Apollo). */
  readonly validationRules: ValidationRule[];
  /** Apollo Server's `parseOptions`. */
  readonly parseOptions: ParseOptions;
  /** graphql's rules plus the limits; every error carries `extensions.code` GRAPHQL_VALIDATION_FAILED. */
  validateOperation(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
  /** Parses within the token limit, then validates: for a transport that is not Apollo. */
  checkOperation(schema: GraphQLSchema, source: string): OperationCheck;
}

// The codes Apollo Server gives the same refusals over HTTP, so every transport says the same
const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';
const PARSE_FAILED = 'GRAPHQL_PARSE_FAILED';

/** A copy of `error` that a client may see, with the standard code of its kind. */
function refusal(error: GraphQLError, message = error.message, code = VALIDATION_FAILED): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    originalError: error.originalError ?? null,
    extensions: { ...error.extensions, code },
  });
}

// Armor reports its limits as "Syntax Error: …" without a code; the document is well formed,
// so the prefix goes and the public code comes in.
const reportLimit = (context: ValidationContext | null, error: GraphQLError): void => {
  context?.reportError(refusal(error, error.message.replace(/^Syntax Error: /, '')));
};

function armorRules(depth: number, aliases: number, directives: number): ValidationRule[] {
  // report, do not throw: a thrown error would end validation and lose the other errors
  const report = () => ({ propagateOnRejection: false, onReject: [reportLimit] });
  return new ApolloArmor({
    maxDepth: { n: depth, ignoreIntrospection: true, flattenFragments: true, ...report() },
    maxAliases: { n: aliases, ...report() },
    maxDirectives: { n: directives, ...report() },
    // graphql-js counts tokens itself (parseOptions), for any transport
    maxTokens: { enabled: false },
    // Armor's cost ignores list sizes; listCostRule counts them
    costLimit: { enabled: false },
    // production only, and as a formatter: see hideFieldSuggestions
    blockFieldSuggestion: { enabled: false },
  }).protect().validationRules;
}

/** The depth, alias, token, directive and cost limits, built once from the configuration. */
export function operationLimits({
  maxDepth = 12,
  maxAliases = 15,
  maxTokens = 2_000,
  maxDirectives = 10,
  maxCost = 10_000,
  defaultListSize = 20,
  variableListSize = PAGE_SIZE.max,
}: OperationLimitOptions = {}): OperationLimits {
  const validationRules = [
    ...armorRules(maxDepth, maxAliases, maxDirectives),
    listCostRule({ maxCost, defaultListSize, variableListSize }),
  ];
  const parseOptions = { maxTokens };
  const validateOperation = (schema: GraphQLSchema, document: DocumentNode) =>
    validate(schema, document, [...specifiedRules, ...validationRules]).map((error) => refusal(error));
  const checkOperation = (schema: GraphQLSchema, source: string): OperationCheck => {
    let document: DocumentNode;
    try {
      document = parse(source, parseOptions);
    } catch (error) {
      if (error instanceof GraphQLError) return { ok: false, errors: [refusal(error, error.message, PARSE_FAILED)] };
      throw error;
    }
    const errors = validateOperation(schema, document);
    return errors.length === 0 ? { ok: true, document } : { ok: false, errors };
  };
  return { validationRules, parseOptions, validateOperation, checkOperation };
}
