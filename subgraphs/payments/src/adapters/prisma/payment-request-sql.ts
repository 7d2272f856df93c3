import type { PoolClient } from 'pg';

/** What order.placed told payments, as the saga reads it back. */
export interface PaymentRequestRow {
  readonly customerId: string;
  readonly token: string;
  /** `closed`: the order was rejected or cancelled before any charge, so it is never charged. */
  readonly state: 'open' | 'closed';
}

/** Records an order's payment request once; a repeated order.placed changes nothing. */
export async function insertPaymentRequest(
  client: PoolClient,
  request: { readonly orderId: string; readonly customerId: string; readonly token: string },
): Promise<void> {
  await client.query(
    `insert into payment_requests (order_id, customer_id, token, updated_at) values ($1, $2, $3, now())
     on conflict (order_id) do nothing`,
    [request.orderId, request.customerId, request.token],
  );
}

/** Closes an order's request so no later stock.reserved charges it; false when there is none. */
/**
 * The request a later saga event needs is not there yet. order.placed is always delivered before
 * the events that follow it, so this is thrown for a redelivery to find the request.
 */
export const missingRequest = (orderId: string): Error =>
  new Error(`No payment request for order ${orderId}: order.placed has not been handled.`);

export async function closePaymentRequest(client: PoolClient, orderId: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `update payment_requests set state = 'closed', updated_at = now() where order_id = $1`,
    [orderId],
  );
  return rowCount === 1;
}

/**
 * Reads an order's request and locks it until the transaction ends: `share` while a payment is
 * opened from it, `update` while it may be closed. Opening and closing thus never interleave,
 * and a waiting reader sees the state the other transaction committed.
 */
export async function lockPaymentRequest(
  client: PoolClient,
  { orderId, mode }: { readonly orderId: string; readonly mode: 'share' | 'update' },
): Promise<PaymentRequestRow | undefined> {
  const lock = mode === 'share' ? 'for share' : 'for update';
  const { rows } = await client.query<PaymentRequestRow>(
    `select customer_id as "customerId", token, state from payment_requests where order_id = $1 ${lock}`,
    [orderId],
  );
  return rows[0];
}
