import { createPlanner } from './plan-summary';
import type { PlanSummary } from './plan-summary';
import type { RecordedOperation } from './recorded-operations';

/** A recorded operation whose query plan differs between the two supergraphs. */
export interface PlanChange {
  readonly name: string;
  readonly hash: string;
  readonly before: PlanSummary;
  readonly after: PlanSummary;
}

/** Plans every recorded operation before and after; keeps those whose plan changed. */
export function planChanges(options: {
  readonly before: string;
  readonly after: string;
  readonly operations: readonly RecordedOperation[];
}): PlanChange[] {
  const planBefore = createPlanner(options.before);
  const planAfter = createPlanner(options.after);
  return options.operations.flatMap(({ name, operationName, hash, body }) => {
    const before = planBefore(body, operationName);
    const after = planAfter(body, operationName);
    if (!before || !after || before.text === after.text) return [];
    return [{ name, hash, before, after }];
  });
}
