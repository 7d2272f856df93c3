import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionResult } from 'graphql';
import { SUBGRAPH_UNAVAILABLE } from '../resilience/unavailable-response';

/**
 * Whether part of a completion is missing because a subgraph did not answer: a timeout, a
 * reset connection, a 5xx or an open breaker, each of which the gateway's fetcher turns into
 * SUBGRAPH_UNAVAILABLE errors at the entities it asked for.
 */
export function missedASubgraph(result: ExecutionResult): boolean {
  return result.errors?.some((error) => error.extensions?.['code'] === SUBGRAPH_UNAVAILABLE) ?? false;
}

/**
 * Completes an event, and once more after `delayMs` when a subgraph did not answer the first
 * time. A completion only reads, so running it again is safe; and because one completion is
 * shared by every subscriber of its scope, a single slow answer would otherwise reach all of
 * them as an error. The event is late instead of broken: the subscription's later events wait
 * behind it, as they wait behind any completion, and keep their order. The second outcome is
 * final, errors and all.
 */
export async function completeWithOneRetry(
  complete: () => Promise<ExecutionResult>,
  delayMs: number,
): Promise<ExecutionResult> {
  const first = await complete();
  if (!missedASubgraph(first)) return first;
  // never what keeps a stopping gateway alive
  await sleep(delayMs, undefined, { ref: false });
  return complete();
}
