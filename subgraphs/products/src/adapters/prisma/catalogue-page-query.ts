import { keysetSql, pageOf } from '@shopgraph/service-kit/pagination';
import type { Cursor, Page, PageWindow } from '@shopgraph/service-kit/pagination';
import { safeIntegerFromColumn } from '@shopgraph/service-kit/database/safe-integer';
import type { CatalogueQuery } from '../../application/ports';
import type { Product } from '../../domain/product';
import { Prisma } from './generated/client';

// `search` is a literal substring: the client's % _ and \ must not act as wildcards.
const likePattern = (search: string): string => `%${search.replace(/[\\%_]/g, '\\$&')}%`;

function matching(search: string | undefined): Prisma.Sql {
  if (search === undefined) return Prisma.sql`true`;
  const pattern = likePattern(search);
  return Prisma.sql`(name ILIKE ${pattern} OR sku ILIKE ${pattern})`;
}

// One row comparison the (created_at DESC, id DESC) index serves directly, either way.
function compared(cursor: Cursor | undefined, operator: string, none: Prisma.Sql): Prisma.Sql {
  if (cursor === undefined) return none;
  const position = Prisma.sql`(${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
  return Prisma.sql`(created_at, id) ${Prisma.raw(operator)} ${position}`;
}

/**
 * The whole connection in ONE statement: the page (one row more than asked, to learn
 * whether another page follows), whether rows lie beyond the cursor, and the total as
 * scalar subqueries. The page hangs off a one-row anchor so an empty page still returns the
 * total. Backward, the rows just newer than the cursor are read oldest first, then sorted back.
 */
export function cataloguePageSql({ window, search }: CatalogueQuery): Prisma.Sql {
  const filter = matching(search);
  const { read, beyond, order } = keysetSql(window);
  return Prisma.sql`
    SELECT (SELECT count(*)::int FROM products WHERE ${filter}) AS total_count,
           EXISTS (SELECT 1 FROM products WHERE ${filter} AND ${compared(window.cursor, beyond, Prisma.sql`false`)}) AS beyond_cursor,
           page.id::text AS id, page.sku, page.name, page.description, page.price,
           page.currency::text AS currency, page.stock, page.created_at
    FROM (SELECT 1) AS anchor
    LEFT JOIN (
      SELECT id, sku, name, description, price, currency, stock, created_at
      FROM products
      WHERE ${filter} AND ${compared(window.cursor, read, Prisma.sql`true`)}
      ORDER BY created_at ${Prisma.raw(order)}, id ${Prisma.raw(order)}
      LIMIT ${window.size + 1}
    ) AS page ON true
    ORDER BY page.created_at DESC, page.id DESC`;
}

/** One row of {@link cataloguePageSql}; page columns are null when the page is empty. */
export interface CataloguePageRow {
  readonly total_count: number;
  readonly beyond_cursor: boolean;
  readonly id: string | null;
  readonly sku: string | null;
  readonly name: string | null;
  readonly description: string | null;
  /** BIGINT: Prisma's raw queries return it as a bigint. */
  readonly price: bigint | number | null;
  readonly currency: string | null;
  readonly stock: number | null;
  readonly created_at: Date | null;
}

// Whitelist, and a loud failure if the SQL and this mapper ever disagree on a column.
function rowToProduct(row: CataloguePageRow): Product {
  const { id, sku, name, description, price, currency, stock, created_at: createdAt } = row;
  if (id === null || sku === null || name === null || description === null) throw new Error('incomplete product row');
  if (price === null || currency === null || stock === null || !(createdAt instanceof Date)) {
    throw new Error('incomplete product row');
  }
  const amount = safeIntegerFromColumn(price, 'products.price');
  return { id, sku, name, description, price: { amount, currency }, stock, createdAt };
}

/** Turns the statement's rows into a page of at most `window.size` products. */
export function toPage(rows: readonly CataloguePageRow[], window: PageWindow): Page<Product> {
  const items = rows.filter((row) => row.id !== null).map(rowToProduct);
  return pageOf(window, {
    items,
    beyondCursor: rows[0]?.beyond_cursor ?? false,
    totalCount: rows[0]?.total_count ?? 0,
  });
}
