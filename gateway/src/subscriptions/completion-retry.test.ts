import { GraphQLError } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { completeWithOneRetry, missedASubgraph } from './completion-retry';

const whole: ExecutionResult = { data: { orderUpdated: { type: 'PLACED' } } };
const unavailable: ExecutionResult = {
  data: { orderUpdated: { type: 'PLACED', order: null } },
  errors: [new GraphQLError('The products service is unavailable', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })],
};
const refused: ExecutionResult = {
  data: null,
  errors: [new GraphQLError('Not yours', { extensions: { code: 'FORBIDDEN' } })],
};

/** A completion answering `outcomes` in turn, counting its calls. */
function answering(...outcomes: ExecutionResult[]) {
  const calls = { count: 0 };
  const complete = async () => outcomes[Math.min(calls.count++, outcomes.length - 1)] as ExecutionResult;
  return { complete, calls };
}

describe('missedASubgraph', () => {
  it('is true only when a part is missing because a subgraph did not answer', () => {
    expect(missedASubgraph(unavailable)).toBe(true);
    expect(missedASubgraph(whole)).toBe(false);
    expect(missedASubgraph(refused)).toBe(false);
  });
});

describe('completeWithOneRetry', () => {
  it('runs a completion once when it is whole, or failed for another reason than a silent subgraph', async () => {
    for (const outcome of [whole, refused]) {
      const { complete, calls } = answering(outcome);
      await expect(completeWithOneRetry(complete, 0)).resolves.toBe(outcome);
      expect(calls.count).toBe(1);
    }
  });

  it('runs it once more when a subgraph did not answer, and gives the second outcome', async () => {
    const { complete, calls } = answering(unavailable, whole);
    await expect(completeWithOneRetry(complete, 0)).resolves.toBe(whole);
    expect(calls.count).toBe(2);
  });

  it('retries only once: a second silence is the answer, errors and all', async () => {
    const { complete, calls } = answering(unavailable, unavailable, whole);
    await expect(completeWithOneRetry(complete, 0)).resolves.toBe(unavailable);
    expect(calls.count).toBe(2);
  });
});
