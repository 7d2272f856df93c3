import type { OrderStockHistory } from '../../domain/order-stock-history';
import type { SagaClient } from './stock-reservations-sql';

/**
 * Serialises the saga steps of one order until the transaction ends (decision 0021): an
 * order.placed and an order.cancelled delivered at once must not both decide on what the other
 * has not committed yet. Taken before any product lock, so the lock order stays acyclic.
 */
export async function lockOrderSteps(client: SagaClient, orderId: string): Promise<void> {
  await client.query('select pg_advisory_xact_lock(hashtextextended($1::text, 0))', [orderId]);
}

/** Whether the order was cancelled (tombstone) and whether stock was ever reserved for it. */
export async function orderStockHistory(client: SagaClient, orderId: string): Promise<OrderStockHistory> {
  const { rows } = await client.query<OrderStockHistory>(
    `select exists (select 1 from order_tombstones where order_id = $1::uuid) as cancelled,
            exists (select 1 from reservations where order_id = $1::uuid) as reserved`,
    [orderId],
  );
  return rows[0] ?? { cancelled: false, reserved: false };
}

/** Leaves the order's tombstone, once: a later order.placed reserves nothing. */
export async function recordTombstone(
  client: SagaClient,
  { orderId, reason }: { readonly orderId: string; readonly reason: string },
): Promise<void> {
  await client.query(
    'insert into order_tombstones (order_id, reason) values ($1::uuid, $2) on conflict (order_id) do nothing',
    [orderId, reason],
  );
}
