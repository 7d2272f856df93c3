import { keysetSql } from '@shopgraph/service-kit/pagination';
import type { Cursor } from '@shopgraph/service-kit/pagination';
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

function compared(cursor: Cursor | undefined, operator: string, none: Prisma.Sql): Prisma.Sql {
  if (cursor === undefined) return none;
  const position = Prisma.sql`(${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
  return Prisma.sql`AND (o.created_at, o.id) ${Prisma.raw(operator)} ${position}`;
}

/**
 * One page of a customer's orders (one row more than asked, to tell whether another page
 * follows), whether orders lie beyond the cursor, and the count of all of them. The count
 * sits on a one-row base the page is LEFT JOINed to, so it is still there when the page is
 * empty. Backward, the orders just newer than the cursor are read oldest first, then sorted back.
 */
export function customerPageSql({ customerId, window }: CustomerOrdersQuery): Prisma.Sql {
  const { read, beyond, order } = keysetSql(window);
  const direction = Prisma.raw(order);
  return Prisma.sql`
    SELECT counted.total_count, counted.beyond_cursor, page.*
    FROM (SELECT count(*)::int AS total_count,
                 EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = ${customerId}::uuid
                         ${compared(window.cursor, beyond, Prisma.sql`AND false`)}) AS beyond_cursor
          FROM orders WHERE customer_id = ${customerId}::uuid) AS counted
    LEFT JOIN LATERAL (
      SELECT ${ORDER_WITH_LINES}
      FROM orders o
      WHERE o.customer_id = ${customerId}::uuid ${compared(window.cursor, read, Prisma.empty)}
      ORDER BY o.created_at ${direction}, o.id ${direction}
      LIMIT ${window.size + 1}
    ) AS page ON true
    ORDER BY page.created_at DESC, page.id DESC`;
}
