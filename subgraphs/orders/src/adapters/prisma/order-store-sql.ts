import type { PoolClient } from 'pg';
import type { Order } from '../../domain/order';
import { toOrder } from './order-row';
import type { OrderRow } from './order-row';
import { ORDER_WITH_LINES_COLUMNS } from './order-sql';

// Raw pg on the caller's transaction client, not Prisma: the saga needs `on conflict`,
// `for update` and one-statement batches, and must share the transaction of the outbox
// append and of the consumer's claim (decision 0016).

/** A client inside the caller's open transaction. */
export type TransactionClient = Pick<PoolClient, 'query'>;

/** The order's row locked until the transaction ends, with its lines; undefined when there is none. */
export async function lockOrder(client: TransactionClient, orderId: string): Promise<Order | undefined> {
  const { rows } = await client.query<OrderRow>(
    `SELECT ${ORDER_WITH_LINES_COLUMNS} FROM orders o WHERE o.id = $1 FOR UPDATE OF o`,
    [orderId],
  );
  return rows[0] && toOrder(rows[0]);
}

/** Inserts a placed order unless its customer used the key already; true when it inserted. */
export async function insertPlacedOrder(
  client: TransactionClient,
  placed: { readonly order: Order; readonly idempotencyKey: string; readonly requestHash: string },
): Promise<boolean> {
  const { order, idempotencyKey, requestHash } = placed;
  const inserted = await client.query(
    `INSERT INTO orders (id, customer_id, status, created_at, updated_at, idempotency_key, request_hash)
     VALUES ($1, $2, $3::"OrderStatus", $4, $4, $5, $6)
     ON CONFLICT (customer_id, idempotency_key) DO NOTHING
     RETURNING id`,
    [order.id, order.customerId, order.status, order.createdAt, idempotencyKey, requestHash],
  );
  if (inserted.rowCount !== 1) return false;
  await client.query(
    `INSERT INTO order_items (order_id, position, product_id, quantity)
     SELECT $1, l.position - 1, (l.line->>'productId')::uuid, (l.line->>'quantity')::int
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS l(line, position)`,
    [order.id, JSON.stringify(order.lines.map(({ productId, quantity }) => ({ productId, quantity })))],
  );
  return true;
}

/** The order a customer placed with a key, with its lines, and the hash of the input it was placed with. */
export async function findPlacement(
  client: TransactionClient,
  key: { readonly customerId: string; readonly idempotencyKey: string },
): Promise<{ readonly order: Order; readonly requestHash: string | null } | undefined> {
  const { rows } = await client.query<OrderRow & { request_hash: string | null }>(
    `SELECT ${ORDER_WITH_LINES_COLUMNS}, o.request_hash FROM orders o
     WHERE o.customer_id = $1 AND o.idempotency_key = $2`,
    [key.customerId, key.idempotencyKey],
  );
  return rows[0] && { order: toOrder(rows[0]), requestHash: rows[0].request_hash };
}

/**
 * Stores an order's state after a transition from `before`: status, reason, total, and the
 * prices of the lines this transition priced (the others keep the row versions they have).
 */
export async function saveOrderState(
  client: TransactionClient,
  order: Order,
  before: Order | undefined,
): Promise<void> {
  await client.query(
    `UPDATE orders SET status = $2::"OrderStatus", cancellation_reason = $3, total_amount = $4, currency = $5,
       updated_at = $6, payment_captured = $7
     WHERE id = $1`,
    [
      order.id,
      order.status,
      order.cancellationReason,
      order.total?.amount ?? null,
      order.total?.currency ?? null,
      order.updatedAt,
      order.paymentCaptured === true,
    ],
  );
  const earlier = new Map(before?.lines.map((line) => [line.productId, line.unitPrice]));
  const prices = order.lines.flatMap(({ productId, unitPrice }) => {
    const was = earlier.get(productId);
    const priced = unitPrice && (was?.amount !== unitPrice.amount || was.currency !== unitPrice.currency);
    return priced ? [{ productId, ...unitPrice }] : [];
  });
  if (prices.length === 0) return;
  await client.query(
    `UPDATE order_items i SET unit_price = (p.price->>'amount')::bigint, currency = p.price->>'currency'
     FROM jsonb_array_elements($2::jsonb) AS p(price)
     WHERE i.order_id = $1 AND i.product_id = (p.price->>'productId')::uuid`,
    [order.id, JSON.stringify(prices)],
  );
}
