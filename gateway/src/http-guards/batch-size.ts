import { HttpRefusal } from '@shopgraph/service-kit/http-refusal';

/** Most operations in one batched request when ALLOW_BATCHED_REQUESTS is on (MAX_BATCH_OPERATIONS). */
export const DEFAULT_MAX_BATCH_OPERATIONS = 10;

/**
 * Refuses, 400 BAD_USER_INPUT, a batch (a JSON array body) of more than `max` operations:
 * every operation costs a subgraph call, so one request may not carry an unbounded number.
 */
export function enforceBatchSize(body: unknown, max: number): void {
  if (!Array.isArray(body) || body.length <= max) return;
  throw new HttpRefusal({
    status: 400,
    code: 'BAD_USER_INPUT',
    message: `A batch may hold at most ${max} operations; this one holds ${body.length}.`,
  });
}
