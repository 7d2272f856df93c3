import { pageOf } from '@shopgraph/service-kit/pagination';
import type { Cursor, Page } from '@shopgraph/service-kit/pagination';
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

// Both keys descend, so "after the cursor" is one row comparison the
// (created_at DESC, id DESC) index serves directly.
function after(cursor: Cursor | undefined): Prisma.Sql {
  if (cursor === undefined) return Prisma.sql`true`;
  return Prisma.sql`(created_at, id) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
}

/**
 * The whole connection in ONE statement: the page (one row more than asked, to learn
 * whether another page follows) and the total as a scalar subquery. The page hangs off a
 * one-row anchor so an empty page still returns the total.
 */
export function cataloguePageSql({ first, after: cursor, search }: CatalogueQuery): Prisma.Sql {
  const filter = matching(search);
  return Prisma.sql`
    SELECT (SELECT count(*)::int FROM products WHERE ${filter}) AS total_count,
           page.id::text AS id, page.sku, page.name, page.description, page.price,
           page.currency::text AS currency, page.stock, page.created_at
    FROM (SELECT 1) AS anchor
    LEFT JOIN (
      SELECT id, sku, name, description, price, currency, stock, created_at
      FROM products
      WHERE ${filter} AND ${after(cursor)}
      ORDER BY created_at DESC, id DESC
      LIMIT ${first + 1}
    ) AS page ON true
    ORDER BY page.created_at DESC, page.id DESC`;
}

/** One row of {@link cataloguePageSql}; page columns are null when the page is empty. */
export interface CataloguePageRow {
  readonly total_count: number;
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

/** Turns the statement's rows into a page of at most `first` products. */
export function toPage(rows: readonly CataloguePageRow[], first: number): Page<Product> {
  const products = rows.filter((row) => row.id !== null).map(rowToProduct);
  return pageOf(products, first, rows[0]?.total_count ?? 0);
}
