/** Options of {@link operationLabels}. */
export interface OperationLabelOptions {
  /** Names always kept (the persisted manifest's). Default: none. */
  readonly known?: Iterable<string>;
  /** Other names kept, first come first kept, before every further one is `other`. Default 50. */
  readonly cap?: number;
}

// a GraphQL name, not too long: anything else a client sends is `other`
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The `operation` label of a request: its name when known or among the first `cap` seen,
 * `anonymous` without one, else `other`. A label's values must stay few (each is a series
 * Prometheus keeps), so a client can never create them at will; never a query or an ID.
 */
export function operationLabels(options: OperationLabelOptions = {}): (name: string | null | undefined) => string {
  const { known = [], cap = 50 } = options;
  const kept = new Set(known);
  const seen = new Set<string>();
  return (name) => {
    if (name === null || name === undefined || name === '') return 'anonymous';
    if (kept.has(name) || seen.has(name)) return name;
    if (!OPERATION_NAME.test(name) || seen.size >= cap) return 'other';
    seen.add(name);
    return name;
  };
}
