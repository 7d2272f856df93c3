import type { Order } from '../../domain/order';
import type { TransactionClient } from './order-store-sql';
import { toOrder } from './order-row';
import type { OrderRow } from './order-row';
import { ORDER_WITH_LINES_COLUMNS } from './order-sql';

/**
 * Up to `limit` orders placed before `placedBefore` and still unsettled (PENDING or
 * AWAITING_PAYMENT), oldest first, locked until the transaction ends. Rows another replica's
 * sweep (or a saga step) holds are skipped, so two sweepers never cancel one order twice.
 */
export async function lockOverdueOrders(
  client: TransactionClient,
  { placedBefore, limit }: { readonly placedBefore: Date; readonly limit: number },
): Promise<Order[]> {
  const { rows } = await client.query<OrderRow>(
    `SELECT ${ORDER_WITH_LINES_COLUMNS} FROM orders o
     WHERE o.status IN ('PENDING', 'AWAITING_PAYMENT') AND o.created_at < $1
     ORDER BY o.created_at
     LIMIT $2
     FOR UPDATE OF o SKIP LOCKED`,
    [placedBefore, limit],
  );
  return rows.map(toOrder);
}
