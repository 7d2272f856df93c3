import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { conflict, invalid, notFound } from '@shopgraph/service-kit/app-error';
import { isWellFormedId, newId } from '@shopgraph/service-kit/ids';
import type {
  CardProcessor,
  ChargeInput,
  ChargeResult,
  RefundInput,
  RefundResult,
} from '../../application/card-processor';
import { isRecognisedToken } from '../../application/payment-tokens';
import type { PaymentToken } from '../../application/payment-tokens';
import type {
  PrismaClient,
  SimulatedChargeStatus,
  SimulatedProcessorCharge as ChargeRecord,
} from '../prisma/generated/client';

/** Options of {@link SimulatedCardProcessor}. */
export interface SimulatedCardProcessorOptions {
  /** The payments database's client: the ledger is its `simulated_processor_charges` table. */
  readonly prisma: PrismaClient;
  /**
   * How long `tok_slow` waits before it records the charge and answers. Default `30_000`
   * (30 s), longer than any payment timeout, so the saga sees a late capture.
   */
  readonly slowDelayMs?: number;
  /**
   * The largest amount one charge may be, in minor units; a larger one is declined, as real
   * processors do. Default {@link MAX_CHARGE_AMOUNT}.
   */
  readonly maxChargeAmount?: number;
}

/**
 * The per-charge limit of common card processors, in minor units. Products already refuses
 * orders above it (MAX_ORDER_TOTAL, decision 0022); this is the processor's own defence.
 */
export const MAX_CHARGE_AMOUNT = 99_999_999;

/** Which charges {@link SimulatedCardProcessor.countCharges} counts; all of them by default. */
export interface ChargeFilter {
  readonly idempotencyKey?: string;
  readonly status?: SimulatedChargeStatus;
}

const OUTCOMES: Record<PaymentToken, 'captured' | 'declined'> = {
  tok_visa: 'captured',
  tok_chargeDeclined: 'declined',
  tok_slow: 'captured',
};

const CURRENCY = /^[A-Z]{3}$/;

/**
 * A stand-in for an external card processor, with a durable ledger so that charges can be
 * counted after a crash. Charges are keyed on the idempotency key in the database itself
 * (insert or nothing, then read back), so racing or repeated attempts make one charge.
 */
export class SimulatedCardProcessor implements CardProcessor {
  private readonly prisma: PrismaClient;
  private readonly slowDelayMs: number;
  private readonly maxChargeAmount: number;
  /** Aborted by {@link close}: ends every tok_slow wait. */
  private readonly closing = new AbortController();

  constructor({ prisma, slowDelayMs = 30_000, maxChargeAmount = MAX_CHARGE_AMOUNT }: SimulatedCardProcessorOptions) {
    this.prisma = prisma;
    this.slowDelayMs = slowDelayMs;
    this.maxChargeAmount = maxChargeAmount;
    // every concurrent tok_slow wait listens on it: many are expected, not a leak
    setMaxListeners(0, this.closing.signal);
  }

  /**
   * Abandons every `tok_slow` charge still waiting: the call rejects with an `AbortError` and
   * nothing is recorded, as if the processor never received it. A service calls it first when
   * it stops, so a pending delay does not hold the process open.
   */
  close(): void {
    this.closing.abort();
  }

  async charge(input: ChargeInput): Promise<ChargeResult> {
    const token = acceptedToken(input);
    // a retry must not wait out tok_slow again: the first result is already known
    const earlier = await this.prisma.simulatedProcessorCharge.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
    });
    if (earlier) return toChargeResult(earlier);
    // tok_slow records only after the delay: a timed-out caller finds no charge yet
    if (token === 'tok_slow') await sleep(this.slowDelayMs, undefined, { signal: this.closing.signal });
    const { idempotencyKey, amount, currency } = input;
    await this.prisma.simulatedProcessorCharge.createMany({
      // over the limit: a decline (a failed payment for the saga), never an error to retry
      data: [{ id: newId(), idempotencyKey, token, amount, currency, status: this.outcome(token, amount) }],
      // on conflict do nothing: whichever attempt inserted first decides the result of all
      skipDuplicates: true,
    });
    const first = await this.prisma.simulatedProcessorCharge.findUniqueOrThrow({ where: { idempotencyKey } });
    return toChargeResult(first);
  }

  async findCharge(idempotencyKey: string): Promise<ChargeResult | undefined> {
    const record = await this.prisma.simulatedProcessorCharge.findUnique({ where: { idempotencyKey } });
    return record ? toChargeResult(record) : undefined;
  }

  async refund({ idempotencyKey, chargeId }: RefundInput): Promise<RefundResult> {
    if (!isWellFormedId(chargeId)) throw notFound('No such charge.');
    const id = chargeId.toLowerCase();
    // only a captured charge moves, so a repeated or racing refund refunds once
    await this.prisma.simulatedProcessorCharge.updateMany({
      where: { id, status: 'captured' },
      data: { status: 'refunded', refundedAt: new Date(), refundIdempotencyKey: idempotencyKey },
    });
    const charge = await this.prisma.simulatedProcessorCharge.findUnique({ where: { id } });
    if (!charge) throw notFound('No such charge.');
    if (charge.status !== 'refunded' || charge.refundedAt === null) {
      throw conflict('The charge was declined: there is nothing to refund.');
    }
    return { status: 'refunded', chargeId: charge.id, refundedAt: charge.refundedAt };
  }

  private outcome(token: PaymentToken, amount: number): SimulatedChargeStatus {
    return amount > this.maxChargeAmount ? 'declined' : OUTCOMES[token];
  }

  /** For tests and crash checks: how many charges the processor has recorded. */
  countCharges(filter: ChargeFilter = {}): Promise<number> {
    return this.prisma.simulatedProcessorCharge.count({ where: { ...filter } });
  }
}

/** Refuses a charge no processor would accept, before anything is recorded. */
function acceptedToken({ idempotencyKey, amount, currency, token }: ChargeInput): PaymentToken {
  if (idempotencyKey.length === 0) throw invalid('A charge needs an idempotency key.');
  if (!Number.isSafeInteger(amount) || amount < 0) throw invalid('The amount must be whole minor units, not negative.');
  if (!CURRENCY.test(currency)) throw invalid('The currency must be an ISO 4217 code, e.g. EUR.');
  if (!isRecognisedToken(token)) throw invalid('The payment token is not recognised.');
  return token;
}

// A refunded charge was captured first, and a repeated charge answers what the first did.
function toChargeResult(record: ChargeRecord): ChargeResult {
  if (record.status === 'declined') return { status: 'declined', chargeId: record.id, reason: 'card_declined' };
  return { status: 'captured', chargeId: record.id };
}
