import type { Pool } from 'pg';

/**
 * Where every unit of one product is. At all times (decision 0016):
 * `received = available + reserved + sold`.
 */
export interface StockLedger {
  /** Initial stock plus every restock. */
  readonly received: number;
  /** Units that can be ordered now (`Product.stock`). */
  readonly available: number;
  /** Units held for orders not yet confirmed or cancelled. */
  readonly reserved: number;
  /** Units of confirmed orders. */
  readonly sold: number;
}

// One statement, so the four numbers come from one snapshot and always add up.
const LEDGER = `
select p.received, p.stock as available,
  coalesce(sum(r.quantity) filter (where r.state = 'reserved'), 0)::int as reserved,
  coalesce(sum(r.quantity) filter (where r.state = 'sold'), 0)::int as sold
from products p left join reservations r on r.product_id = p.id
where p.id = $1::uuid
group by p.id`;

/** Reads one product's ledger (for tests and checks). Throws when there is no such product. */
export async function stockLedger(pool: Pick<Pool, 'query'>, productId: string): Promise<StockLedger> {
  const { rows } = await pool.query<StockLedger>(LEDGER, [productId]);
  const [ledger] = rows;
  if (!ledger) throw new Error(`No product ${productId}: it has no stock ledger.`);
  return ledger;
}
