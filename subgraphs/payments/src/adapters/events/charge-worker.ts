import type { Tracer } from '@opentelemetry/api';
import type { Pool } from 'pg';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { CardProcessor } from '../../application/card-processor';
import { leaseDueCharges } from '../prisma/charge-queue-sql';
import type { LeasedCharge } from '../prisma/charge-queue-sql';
import { BackgroundTasks } from './background-tasks';
import { chargeLeasedPayment } from './charge-leased-payment';
import type { ChargeContext } from './charge-leased-payment';
import { OneAtATime } from './one-at-a-time';
import { reconcileAbandonedCharges } from './reconcile-abandoned-charges';

/** Options of {@link startChargeWorker}. */
export interface ChargeWorkerOptions {
  readonly pool: Pool;
  readonly processor: CardProcessor;
  /** How long a charge may take before its payment FAILS with `payment_timeout`. */
  readonly paymentTimeoutMs: number;
  readonly log: Logger;
  /** Traces each charge (decision 0031). Default: none, tracing off. */
  readonly tracer?: Tracer | undefined;
  /** Charges waiting on the processor at once, at most. Default `64`. */
  readonly maxInFlight?: number;
  /** How often it looks for due charges it was not woken for (another replica's, a restart's). Default `1_000` (1 s). */
  readonly pollIntervalMs?: number;
  /** How long a leased charge is kept from other workers. Default: the payment timeout + 10 s. */
  readonly leaseMs?: number;
}

/** A running charge worker. */
export interface ChargeWorker {
  /** Tells it that charges are due now: the saga consumer calls it after each commit that opened one. */
  wake(): void;
  /** Looks for charges a dead process abandoned (the poll does too): a capture is refunded. */
  reconcile(): void;
  /** Resolves once the charges in flight and the late captures they left, so far, have settled. */
  settled(): Promise<void>;
  /** Stops leasing, then waits for the charges in flight and the late captures they left. */
  stop(): Promise<void>;
}

/**
 * Charges PENDING payments off the consumer path (decision 0021): a bus handler only records
 * the payment; this worker leases due ones (`for update skip locked`, so two replicas never
 * charge one concurrently) and charges up to `maxInFlight` at once. A slow processor answer
 * holds one slot, never another order's charge or any event. Due payments left by a restart are
 * found by the first poll, once their lease (if any) has run out.
 */
export function startChargeWorker(options: ChargeWorkerOptions): ChargeWorker {
  const worker = new LeasingChargeWorker(options);
  worker.wake();
  return worker;
}

class LeasingChargeWorker implements ChargeWorker {
  private readonly context: ChargeContext;
  private readonly charges = new BackgroundTasks();
  private readonly maxInFlight: number;
  private readonly leaseMs: number;
  private readonly poll: ReturnType<typeof setInterval>;
  private inFlight = 0;
  private stopped = false;
  private pumping: Promise<void> | undefined;
  private wokenWhilePumping = false;
  private reconciling: Promise<void> | undefined;

  constructor(options: ChargeWorkerOptions) {
    const { maxInFlight = 64, pollIntervalMs = 1_000 } = options;
    this.context = { ...options, background: new BackgroundTasks(), lateSettlements: new OneAtATime() };
    this.maxInFlight = maxInFlight;
    this.leaseMs = options.leaseMs ?? options.paymentTimeoutMs + 10_000;
    this.poll = setInterval(() => {
      this.wake();
      this.reconcile();
    }, pollIntervalMs);
    this.poll.unref();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      // the running pass looks again before it ends
      this.wokenWhilePumping = true;
      return;
    }
    this.pumping = this.leaseWhileRoom()
      .catch((error: unknown) =>
        this.context.log.warn({ err: error }, 'due charges not leased; retrying at the next poll'),
      )
      .finally(() => (this.pumping = undefined));
  }

  /** Asks the processor about charges abandoned by a dead process (one pass at a time). */
  reconcile(): void {
    if (this.stopped || this.reconciling) return;
    this.reconciling = reconcileAbandonedCharges(this.context)
      .then(() => undefined)
      .catch((error: unknown) =>
        this.context.log.warn({ err: error }, 'abandoned charges not reconciled; retrying at the next poll'),
      )
      .finally(() => (this.reconciling = undefined));
  }

  async settled(): Promise<void> {
    await this.pumping;
    await this.reconciling;
    await this.charges.settled();
    await this.context.background.settled();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await this.settled();
  }

  private async leaseWhileRoom(): Promise<void> {
    do {
      this.wokenWhilePumping = false;
      while (!this.stopped && this.inFlight < this.maxInFlight) {
        const limit = this.maxInFlight - this.inFlight;
        const due = await leaseDueCharges(this.context.pool, { limit, leaseMs: this.leaseMs });
        due.forEach((leased) => this.charge(leased));
        if (due.length < limit) break;
      }
    } while (this.wokenWhilePumping && !this.stopped);
  }

  private charge(leased: LeasedCharge): void {
    this.inFlight += 1;
    const task = chargeLeasedPayment(this.context, leased).catch((error: unknown) => {
      // the lease keeps other workers off until it runs out; then the charge is tried again
      this.context.log.warn(
        { err: error, orderId: leased.orderId },
        'charge not settled; retried when its lease runs out',
      );
    });
    this.charges.track(
      task.finally(() => {
        this.inFlight -= 1;
        this.wake();
      }),
    );
  }
}
