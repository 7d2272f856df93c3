import { describe, expect, it, vi } from 'vitest';
import type { CardProcessor, ChargeResult } from './card-processor';
import { chargeWithinDeadline } from './charge-within-deadline';
import type { DeadlineCharge } from './charge-within-deadline';

const CHARGE = { idempotencyKey: 'order-1', amount: 4_200, currency: 'EUR', token: 'tok_visa' };
const CAPTURED: ChargeResult = { status: 'captured', chargeId: 'charge-1' };

/** A processor that answers `charge` after `delayMs`, with `answer` or by throwing `error`. */
function processorAnswering({
  delayMs,
  answer = CAPTURED,
  error,
}: {
  delayMs: number;
  answer?: ChargeResult;
  error?: Error;
}) {
  const calls: unknown[] = [];
  const processor: CardProcessor = {
    charge: (input) => {
      calls.push(input);
      return new Promise((resolve, reject) => setTimeout(() => (error ? reject(error) : resolve(answer)), delayMs));
    },
    refund: () => Promise.reject(new Error('not used')),
    findCharge: () => Promise.reject(new Error('not used')),
  };
  return { processor, calls };
}

describe('charging within a deadline', () => {
  it('answers the processor’s capture when it comes before the deadline', async () => {
    const { processor, calls } = processorAnswering({ delayMs: 5 });
    const charge = await chargeWithinDeadline({ processor, charge: CHARGE, timeoutMs: 1_000 });
    expect(charge).toEqual({ outcome: 'captured', result: CAPTURED });
    expect(calls).toEqual([CHARGE]);
  });

  it('answers a decline before the deadline as declined', async () => {
    const declined: ChargeResult = { status: 'declined', chargeId: 'charge-2', reason: 'card_declined' };
    const { processor } = processorAnswering({ delayMs: 5, answer: declined });
    expect(await chargeWithinDeadline({ processor, charge: CHARGE, timeoutMs: 1_000 })).toEqual({
      outcome: 'declined',
      result: declined,
    });
  });

  it('times out at the deadline and still hands over the late answer', async () => {
    vi.useFakeTimers();
    try {
      const { processor } = processorAnswering({ delayMs: 150 });
      let decided: DeadlineCharge | undefined;
      void chargeWithinDeadline({ processor, charge: CHARGE, timeoutMs: 30 }).then((charge) => (decided = charge));
      await vi.advanceTimersByTimeAsync(29);
      expect(decided).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      if (decided?.outcome !== 'timed_out') throw new Error(`expected a timeout, got ${decided?.outcome}`);
      let late: ChargeResult | undefined;
      void decided.late.then((result) => (late = result));
      await vi.advanceTimersByTimeAsync(119);
      expect(late).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(late).toEqual(CAPTURED);
    } finally {
      vi.useRealTimers();
    }
  });

  it('throws a refusal that comes before the deadline', async () => {
    const { processor } = processorAnswering({ delayMs: 5, error: new Error('processor unreachable') });
    await expect(chargeWithinDeadline({ processor, charge: CHARGE, timeoutMs: 1_000 })).rejects.toThrow(
      'processor unreachable',
    );
  });

  it('hands a refusal after the deadline to the late answer instead of leaving it unhandled', async () => {
    const { processor } = processorAnswering({ delayMs: 50, error: new Error('aborted') });
    const charge = await chargeWithinDeadline({ processor, charge: CHARGE, timeoutMs: 5 });
    if (charge.outcome !== 'timed_out') throw new Error(`expected a timeout, got ${charge.outcome}`);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await expect(charge.late).rejects.toThrow('aborted');
  });
});
