import type { Pool } from 'pg';
import { safeIntegerFromColumn } from '@shopgraph/service-kit/database/safe-integer';
import type { TraceContext } from '@shopgraph/service-kit/tracing/trace-context';

/** A PENDING payment a charge worker has leased: what charging it needs. */
export interface LeasedCharge {
  readonly paymentId: string;
  readonly orderId: string;
  /** Minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly token: string;
  /** The trace of the saga step that made the charge due; null when it was not traced. */
  readonly traceContext: TraceContext | null;
  /** The charge's other cause, for a link; null when there is none or it was not traced. */
  readonly traceLink: TraceContext | null;
}

// One statement: pick due charges whose lease is free or ran out, skipping rows another worker
// (another replica) is leasing right now, and lease them. Oldest first, so none starves.
const LEASE_DUE = `
update payments p set charge_lease_until = now() + make_interval(secs => $2::double precision / 1000)
from payment_requests r
where r.order_id = p.order_id and r.token is not null and p.id in (
  select id from payments
  where status = 'PENDING' and (charge_lease_until is null or charge_lease_until < now())
  order by created_at
  limit $1
  for update skip locked)
returning p.id as "paymentId", p.order_id as "orderId", p.amount, p.currency, r.token,
  p.trace_context as "traceContext", p.trace_link as "traceLink"`;

/**
 * Leases up to `limit` due charges for `leaseMs`: no other worker takes them until the lease
 * runs out, which only matters if this one died while the processor was answering.
 */
export async function leaseDueCharges(
  pool: Pool,
  { limit, leaseMs }: { readonly limit: number; readonly leaseMs: number },
): Promise<LeasedCharge[]> {
  const { rows } = await pool.query<Omit<LeasedCharge, 'amount'> & { readonly amount: string }>(LEASE_DUE, [
    limit,
    leaseMs,
  ]);
  // BIGINT arrives as a string: read it exactly or refuse it (decision 0022)
  return rows.map((row) => ({ ...row, amount: safeIntegerFromColumn(row.amount, 'payments.amount') }));
}
