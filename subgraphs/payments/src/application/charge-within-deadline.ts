import type { CardProcessor, ChargeInput, ChargeResult } from './card-processor';

/** What {@link chargeWithinDeadline} learnt before its deadline. */
export type DeadlineCharge =
  | { readonly outcome: 'captured' | 'declined'; readonly result: ChargeResult }
  | {
      readonly outcome: 'timed_out';
      /** The processor's answer, still to come: a late capture must be refunded. */
      readonly late: Promise<ChargeResult>;
    };

export interface ChargeWithinDeadlineInput {
  readonly processor: CardProcessor;
  readonly charge: ChargeInput;
  readonly timeoutMs: number;
}

/**
 * Charges, but waits at most `timeoutMs` for the answer. The call is not cancelled when the
 * deadline passes: the processor may still capture, and the caller gets that answer as `late`.
 * A refusal before the deadline (an invalid charge, the processor unreachable) is thrown.
 */
export async function chargeWithinDeadline(input: ChargeWithinDeadlineInput): Promise<DeadlineCharge> {
  const { processor, charge, timeoutMs } = input;
  const answer = processor.charge(charge);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timed_out'>((resolve) => {
    timer = setTimeout(() => resolve('timed_out'), timeoutMs);
  });
  try {
    const first = await Promise.race([answer, deadline]);
    if (first !== 'timed_out') return { outcome: first.status, result: first };
    // a refusal after the deadline must not crash the process before the caller listens for it
    answer.catch(() => undefined);
    return { outcome: 'timed_out', late: answer };
  } finally {
    clearTimeout(timer);
  }
}
