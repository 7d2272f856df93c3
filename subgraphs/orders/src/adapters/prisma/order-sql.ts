import type { CustomerOrdersQuery } from '../../application/ports';
import { Prisma } from './generated/client';

// An order's columns plus its lines as one JSON array in position order: reading lines
// in the same statement as their orders is what keeps a page at one SQL statement.
// Plain text, so the pg adapter of the saga (order-store-sql.ts) selects the same shape.
export const ORDER_WITH_LINES_COLUMNS = `
  o.id, o.customer_id, o.status::text AS status, o.cancellation_reason, o.total_amount, o.currency,
  o.created_at, o.updated_at, o.payment_captured,
  COALESCE(
    (SELECT json_agg(
        json_build_object('productId', i.product_id, 'quantity', i.quantity, 'unitPrice', i.unit_price, 'currency', i.currency)
        ORDER BY i.position)
     FROM order_items i WHERE i.order_id = o.id),
    '[]'::json) AS items`;

const ORDER_WITH_LINES = Prisma.raw(ORDER_WITH_LINES_COLUMNS);

/** Orders with their lines, any number of IDs in one statement. */
export function ordersByIdsSql(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT ${ORDER_WITH_LINES} FROM orders o WHERE o.id = ANY(${[...ids]}::uuid[])`;
}

/**
 * One page of a customer's orders (one row more than asked, to tell whether another page
 * follows) and the count of all of them. The count sits on a one-row base the page is
 * LEFT JOINed to, so it is still there when the page is empty.
 */
export function customerPageSql({ customerId, first, after }: CustomerOrdersQuery): Prisma.Sql {
  const keyset = after
    ? Prisma.sql`AND (o.created_at, o.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  return Prisma.sql`
    SELECT counted.total_count, page.*
    FROM (SELECT count(*)::int AS total_count FROM orders WHERE customer_id = ${customerId}::uuid) AS counted
    LEFT JOIN LATERAL (
      SELECT ${ORDER_WITH_LINES}
      FROM orders o
      WHERE o.customer_id = ${customerId}::uuid ${keyset}
      ORDER BY o.created_at DESC, o.id DESC
      LIMIT ${first + 1}
    ) AS page ON true
    ORDER BY page.created_at DESC, page.id DESC`;
}
