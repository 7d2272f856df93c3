import type { PoolClient } from 'pg';
import { safeIntegerFromColumn } from '@shopgraph/service-kit/database/safe-integer';
import type { ReservedLine, StockedProduct } from '../../domain/stock-reservation';

// The saga's stock changes, as raw SQL on the handler's transaction client (decision 0016):
// row locks and conditional updates are the point, and Prisma expresses neither. Every
// statement that locks products locks them in id order, so two handlers (or a handler and a
// restock) never wait on each other in a cycle.

/** The handler's connection, inside its open transaction. */
export type SagaClient = Pick<PoolClient, 'query'>;

interface LockedProductRow {
  readonly id: string;
  /** BIGINT, which pg hands over as a string. */
  readonly price: string;
  readonly currency: string;
  readonly stock: number;
}

const toStocked = ({ id, price, currency, stock }: LockedProductRow): StockedProduct => ({
  id,
  price: { amount: safeIntegerFromColumn(price, 'products.price'), currency },
  stock,
});

const SELECT_PRODUCTS = `select id::text as id, price, currency, stock from products
  where id = any($1::uuid[]) order by id`;

/**
 * Locks the products that exist among `productIds` until the transaction ends, and reads them:
 * nobody else can change their stock (reserve, release, restock) before this transaction has
 * decided. IDs that name no product are simply absent.
 */
export async function lockProducts(client: SagaClient, productIds: readonly string[]): Promise<StockedProduct[]> {
  const { rows } = await client.query<LockedProductRow>(`${SELECT_PRODUCTS} for update`, [productIds]);
  return rows.map(toStocked);
}

/** The products as last committed, without a lock: enough to refuse, never to take stock. */
export async function readProducts(client: SagaClient, productIds: readonly string[]): Promise<StockedProduct[]> {
  const { rows } = await client.query<LockedProductRow>(SELECT_PRODUCTS, [productIds]);
  return rows.map(toStocked);
}

// One statement: take the units from stock (still guarded by `stock >= quantity`, so no
// writer can ever oversell even without the lock) and record a reservation per line taken.
const RESERVE = `
with wanted as (
  select * from unnest($2::uuid[], $3::int[], $4::bigint[], $5::text[]) as w(product_id, quantity, unit_price, currency)
), taken as (
  update products p set stock = p.stock - w.quantity, updated_at = now()
  from wanted w where p.id = w.product_id and p.stock >= w.quantity
  returning p.id
)
insert into reservations (order_id, product_id, quantity, unit_price, currency, state)
select $1::uuid, w.product_id, w.quantity, w.unit_price, w.currency, 'reserved'::reservation_state
from wanted w join taken t on t.id = w.product_id`;

/**
 * Takes every line's units from stock and records them as reserved for the order. Throws (so
 * the transaction rolls back, all or nothing) if any line could not be taken, which the locks
 * taken by {@link lockProducts} are there to prevent. Lines name distinct products.
 */
export async function reserveLines(
  client: SagaClient,
  { orderId, lines }: { readonly orderId: string; readonly lines: readonly ReservedLine[] },
): Promise<void> {
  const { rowCount } = await client.query(RESERVE, [
    orderId,
    lines.map((line) => line.productId),
    lines.map((line) => line.quantity),
    lines.map((line) => line.unitPrice),
    lines.map((line) => line.currency),
  ]);
  if (rowCount !== lines.length) {
    throw new Error(
      `Reserved ${rowCount ?? 0} of ${lines.length} lines of order ${orderId}: stock moved under a lock.`,
    );
  }
}

/** Reserved units of the order become sold; stock is untouched (they left it when reserved). Returns rows changed. */
export async function sellReservations(client: SagaClient, orderId: string): Promise<number> {
  const { rowCount } = await client.query(
    `update reservations set state = 'sold', updated_at = now()
     where order_id = $1::uuid and state = 'reserved'`,
    [orderId],
  );
  return rowCount ?? 0;
}

const LOCK_RESERVED_PRODUCTS = `
select p.id from products p
where p.id in (select product_id from reservations where order_id = $1::uuid and state = 'reserved')
order by p.id for update of p`;

// The state change re-checks `state = 'reserved'` on the latest row version, so a reservation
// sold (or released) by a concurrent transaction is left alone and gives back no stock.
const RELEASE = `
with released as (
  update reservations set state = 'released', updated_at = now()
  where order_id = $1::uuid and state = 'reserved'
  returning product_id, quantity
), given_back as (
  update products p set stock = p.stock + r.quantity, updated_at = now()
  from released r where p.id = r.product_id
  returning p.id
)
select coalesce(array_agg(id::text order by id), '{}') as product_ids from given_back`;

/**
 * Reserved units of the order go back to stock, in the same transaction. Sold ones stay sold.
 * Returns the products whose stock grew (none when nothing was reserved).
 */
export async function releaseReservations(client: SagaClient, orderId: string): Promise<string[]> {
  // the products first, in id order, as every other stock change does
  await client.query(LOCK_RESERVED_PRODUCTS, [orderId]);
  const { rows } = await client.query<{ product_ids: string[] }>(RELEASE, [orderId]);
  return rows[0]?.product_ids ?? [];
}
