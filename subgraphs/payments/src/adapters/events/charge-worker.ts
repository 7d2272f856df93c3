import type { Pool } from 'pg';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { CardProcessor } from '../../application/card-processor';
import { leaseDueCharges } from '../prisma/charge-queue-sql';
import type { LeasedCharge } from '../prisma/charge-queue-sql';
import { BackgroundTasks } from './background-tasks';
import { chargeLeasedPayment } from './charge-leased-payment';
import type { ChargeContext } from './charge-leased-payment';
import { OneAtATime } from './one-at-a-time';

/** Options of {@link startChargeWorker}. */
export interface ChargeWorkerOptions {
  readonly pool: Pool;
  readonly processor: CardProcessor;
  /** How long a charge may take before its payment FAILS with `payment_timeout`. */
  readonly paymentTimeoutMs: number;
  readonly log: Logger;
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
 * found by the first poll.
 */
export function startChargeWorker(options: ChargeWorkerOptions): ChargeWorker {
  const { pool, log, maxInFlight = 64, pollIntervalMs = 1_000 } = options;
  const leaseMs = options.leaseMs ?? options.paymentTimeoutMs + 10_000;
  const context: ChargeContext = { ...options, background: new BackgroundTasks(), lateSettlements: new OneAtATime() };
  const charges = new BackgroundTasks();
  let inFlight = 0;
  let stopped = false;
  let pumping: Promise<void> | undefined;
  let wokenWhilePumping = false;

  const charge = (leased: LeasedCharge) => {
    inFlight += 1;
    const task = chargeLeasedPayment(context, leased).catch((error: unknown) => {
      // the lease keeps others off until it runs out; then the charge is tried again
      log.warn({ err: error, orderId: leased.orderId }, 'charge not settled; retried when its lease runs out');
    });
    charges.track(
      task.finally(() => {
        inFlight -= 1;
        wake();
      }),
    );
  };
  const leaseWhileRoom = async () => {
    do {
      wokenWhilePumping = false;
      while (!stopped && inFlight < maxInFlight) {
        const due = await leaseDueCharges(pool, { limit: maxInFlight - inFlight, leaseMs });
        due.forEach(charge);
        if (due.length === 0) break;
      }
    } while (wokenWhilePumping && !stopped);
  };
  function wake(): void {
    if (stopped) return;
    if (pumping) {
      wokenWhilePumping = true;
      return;
    }
    pumping = leaseWhileRoom()
      .catch((error: unknown) => log.warn({ err: error }, 'due charges could not be leased; retrying at the next poll'))
      .finally(() => (pumping = undefined));
  }
  const poll = setInterval(wake, pollIntervalMs);
  poll.unref();
  wake();
  const settled = async () => {
    await pumping;
    await charges.settled();
    await context.background.settled();
  };
  return {
    wake,
    settled,
    stop: async () => {
      stopped = true;
      clearInterval(poll);
      await settled();
    },
  };
}
