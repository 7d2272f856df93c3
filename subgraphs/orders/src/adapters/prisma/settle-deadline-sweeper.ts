import type { Pool } from 'pg';
import { inTransaction } from '@shopgraph/outbox/in-transaction';
import type { Logger } from '@shopgraph/service-kit/logger';
import { settleDeadlineChange } from '../../application/settle-deadline';
import type { Settlement, SettlementObserver } from '../metrics/saga-metrics';
import { lockOverdueOrders } from './overdue-orders-sql';
import { storeOrderChange } from './pg-order-store';

/** Options of {@link startSettleDeadlineSweeper}. */
export interface SettleDeadlineSweeperOptions {
  readonly pool: Pool;
  /** `ORDER_SETTLE_DEADLINE_MS`: how long after placement an unsettled order is cancelled. */
  readonly deadlineMs: number;
  readonly log: Logger;
  /** How often it sweeps. Default `5_000` (5 s). */
  readonly intervalMs?: number;
  /** Orders cancelled per transaction. Default `100`. */
  readonly batchSize?: number;
  /** Default: the system clock. */
  readonly now?: () => Date;
  /** Told of each cancellation once its batch committed, for the saga's metrics. Default: nothing. */
  readonly onSettled?: SettlementObserver;
}

/** A running sweeper. */
export interface SettleDeadlineSweeper {
  /** Runs one sweep as of `now` (default: the clock); resolves to the number of orders cancelled. */
  sweep(now?: Date): Promise<number>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Cancels every order still PENDING or AWAITING_PAYMENT past its settle deadline (decision
 * 0021), batch by batch, each batch one transaction with the orders' `order.cancelled` events,
 * and logs a warning per order with the running count. This bounds how long any order can stay
 * unsettled, whatever was lost or stalled on the way.
 */
export function startSettleDeadlineSweeper(options: SettleDeadlineSweeperOptions): SettleDeadlineSweeper {
  const { pool, deadlineMs, log, intervalMs = 5_000, batchSize = 100, now = () => new Date() } = options;
  const { onSettled = () => {} } = options;
  let cancelledSoFar = 0;
  const sweepBatch = async (at: Date) => {
    const committed: Settlement[] = [];
    const swept = await inTransaction(pool, async (client) => {
      const overdue = await lockOverdueOrders(client, {
        placedBefore: new Date(at.getTime() - deadlineMs),
        limit: batchSize,
      });
      for (const order of overdue) {
        const change = settleDeadlineChange(order, at);
        if (!change) continue;
        // appended with the commit, each order's events then its log rows, in the batch's order
        const events = await storeOrderChange(client, change, order);
        committed.push({ events, placedAt: order.createdAt, at });
        cancelledSoFar += 1;
        log.warn({ orderId: order.id, status: order.status, cancelledSoFar }, 'order cancelled at its settle deadline');
      }
      return overdue.length;
    });
    committed.forEach(onSettled);
    return swept;
  };
  let running: Promise<number> = Promise.resolve(0);
  const sweep = (at = now()) => {
    // one sweep at a time: a slow sweep is never overlapped by the next tick
    running = running
      .catch(() => 0)
      .then(async () => {
        let swept = 0;
        for (let batch = batchSize; batch === batchSize; swept += batch) batch = await sweepBatch(at);
        return swept;
      });
    return running;
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) =>
      log.warn({ err: error }, 'settle deadline sweep failed; retrying at the next one'),
    );
  }, intervalMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
