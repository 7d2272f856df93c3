import type { Pool, PoolClient } from 'pg';

// A worker sent the charge (it leased the payment), the lease has run out, and the payment was
// abandoned (FAILED: cancelled or timed out) without the processor's answer ever settling on it.
const ABANDONED = `
select order_id as "orderId" from payments
where status = 'FAILED' and charge_id is null and reconciled_at is null
  and charge_lease_until is not null and charge_lease_until < now()
order by charge_lease_until
limit $1`;

/** Orders whose abandoned charge the processor has not been asked about yet, oldest first. */
export async function findAbandonedCharges(pool: Pool, limit: number): Promise<string[]> {
  const { rows } = await pool.query<{ orderId: string }>(ABANDONED, [limit]);
  return rows.map((row) => row.orderId);
}

/** Records that the processor was asked about the order's abandoned charge, whatever it said. */
export async function markReconciled(client: PoolClient, orderId: string): Promise<void> {
  await client.query(`update payments set reconciled_at = now() where order_id = $1`, [orderId]);
}
