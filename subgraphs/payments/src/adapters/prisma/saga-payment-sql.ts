import type { PoolClient } from 'pg';
import { safeIntegerFromColumn } from '@shopgraph/service-kit/database/safe-integer';
import { traceContextColumn } from '@shopgraph/service-kit/tracing/trace-context';
import type { PaymentStatus } from '../../domain/payment';

/** A payment as the saga's steps read it: what settling and refunding it need. */
export interface SagaPaymentRow {
  readonly id: string;
  readonly orderId: string;
  readonly status: PaymentStatus;
  /** Minor units. */
  readonly amount: number;
  readonly currency: string;
  /** The processor's charge, once it answered; null for a charge still unanswered. */
  readonly chargeId: string | null;
}

const COLUMNS = `id, order_id as "orderId", status, amount, currency, charge_id as "chargeId"`;

/**
 * Creates the order's PENDING payment, a charge due for the charge worker, unless it has one:
 * an order is charged at most once. True when it created it. It keeps the active trace context,
 * which the charge continues, and the request's first one, which it links (decision 0031).
 */
export async function insertPendingPayment(
  client: PoolClient,
  payment: Pick<SagaPaymentRow, 'id' | 'orderId' | 'amount' | 'currency'> & { readonly customerId: string },
): Promise<boolean> {
  const { rowCount } = await client.query(
    `insert into payments (id, order_id, customer_id, amount, currency, status, updated_at, trace_context, trace_link)
     values ($1, $2, $3, $4, $5, 'PENDING', now(), $6::jsonb,
       (select trace_context from payment_requests where order_id = $2))
     on conflict (order_id) do nothing`,
    [payment.id, payment.orderId, payment.customerId, payment.amount, payment.currency, traceContextColumn()],
  );
  return rowCount === 1;
}

/** A row as pg hands it over: `amount` is BIGINT, which arrives as a string. */
type StoredPaymentRow = Omit<SagaPaymentRow, 'amount'> & { readonly amount: string };

// BIGINT → number, refusing (never rounding) what a number cannot hold (decision 0022)
const toSagaPayment = (row: StoredPaymentRow | undefined): SagaPaymentRow | undefined =>
  row && { ...row, amount: safeIntegerFromColumn(row.amount, 'payments.amount') };

/** The order's payment, without a lock. */
export async function findSagaPayment(client: PoolClient, orderId: string): Promise<SagaPaymentRow | undefined> {
  const { rows } = await client.query<StoredPaymentRow>(`select ${COLUMNS} from payments where order_id = $1`, [
    orderId,
  ]);
  return toSagaPayment(rows[0]);
}

/** The order's payment, locked until the transaction ends, so one step at a time settles it. */
export async function lockSagaPayment(client: PoolClient, orderId: string): Promise<SagaPaymentRow | undefined> {
  const { rows } = await client.query<StoredPaymentRow>(
    `select ${COLUMNS} from payments where order_id = $1 for update`,
    [orderId],
  );
  return toSagaPayment(rows[0]);
}

/** What a step changes on a locked payment; a charge ID, once known, is kept. */
export interface PaymentChange {
  readonly id: string;
  readonly status: PaymentStatus;
  readonly failureReason?: string;
  readonly chargeId?: string | undefined;
}

export async function updateSagaPayment(client: PoolClient, change: PaymentChange): Promise<void> {
  await client.query(
    `update payments set status = $2::"PaymentStatus", failure_reason = coalesce($3, failure_reason),
       charge_id = coalesce($4, charge_id), updated_at = now()
     where id = $1`,
    [change.id, change.status, change.failureReason ?? null, change.chargeId ?? null],
  );
}
