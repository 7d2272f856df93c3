import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { classifyChanges } from './classify-changes';
import { composeSubgraphs } from './compose-services';
import type { CompositionMessage } from './compose-services';
import { invalidOperations, judgeUsage } from './judge-usage';
import type { InvalidOperation, JudgedChange } from './judge-usage';
import { planChanges } from './plan-changes';
import type { PlanChange } from './plan-changes';
import type { RecordedOperation } from './recorded-operations';
import type { SubgraphInputs } from './subgraph-inputs';

/** Everything `schema:check` found; `ok` is false when the change must not ship. */
export interface CheckReport {
  readonly ok: boolean;
  readonly composition: {
    readonly ok: boolean;
    readonly errors: readonly CompositionMessage[];
    readonly hints: readonly CompositionMessage[];
  };
  readonly operationsChecked: number;
  readonly changes: readonly JudgedChange[];
  readonly invalidOperations: readonly InvalidOperation[];
  readonly planChanges: readonly PlanChange[];
}

function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Composes both sides, classifies the API-schema changes, judges them against usage, diffs the plans. */
export async function runCheck(inputs: SubgraphInputs, operations: readonly RecordedOperation[]): Promise<CheckReport> {
  const after = composeSubgraphs(inputs.after);
  const empty = { changes: [], invalidOperations: [], planChanges: [], operationsChecked: operations.length };
  if (!after.ok) return { ok: false, composition: { ok: false, errors: after.errors, hints: after.hints }, ...empty };
  const before = composeSubgraphs(inputs.before);
  if (!before.ok) {
    const errors = before.errors.map((error) => ({ ...error, message: `(before the change) ${error.message}` }));
    return { ok: false, composition: { ok: false, errors, hints: [] }, ...empty };
  }
  const apiBefore = apiSchemaOf(before.supergraphSdl);
  const apiAfter = apiSchemaOf(after.supergraphSdl);
  const changes = judgeUsage({ changes: await classifyChanges(apiBefore, apiAfter), operations, before: apiBefore });
  const invalid = invalidOperations(apiAfter, operations);
  const plans = planChanges({ before: before.supergraphSdl, after: after.supergraphSdl, operations });
  const refused = changes.some((change) => change.affected.length > 0) || invalid.length > 0;
  return {
    ok: !refused,
    composition: { ok: true, errors: [], hints: after.hints },
    operationsChecked: operations.length,
    changes,
    invalidOperations: invalid,
    planChanges: plans,
  };
}
