import pg from 'pg';
import { stockLedger } from '@shopgraph/products/adapters/prisma/stock-ledger';
import type { StockLedger } from '@shopgraph/products/adapters/prisma/stock-ledger';
import type { SubgraphName } from '../../subgraph-names';

export interface OrderRow {
  readonly id: string;
  readonly status: string;
  readonly reason: string | null;
}

/** What the saga left in the services' databases, read in one go after a soak. */
export interface SoakSnapshot {
  readonly orders: readonly OrderRow[];
  /** Units of each product in confirmed orders, by product ID. */
  readonly soldByOrders: ReadonlyMap<string, number>;
  readonly ledgers: ReadonlyMap<string, StockLedger>;
  /** The simulated processor's charges: key (the order ID) and status. */
  readonly charges: readonly { readonly key: string; readonly status: string }[];
  /** `payment.captured` events per order, from the payments outbox. */
  readonly captureEvents: ReadonlyMap<string, number>;
}

const OPEN = `status::text in ('PENDING', 'AWAITING_PAYMENT')`;
/** `$1` holds the orders that were there before the soak. */
const NEW = `id::text <> all($1::text[])`;

/** Reads the soak's databases directly, for assertions and diagnostics only. */
export class SoakReader {
  private readonly pools: Readonly<Record<'orders' | 'products' | 'payments', pg.Pool>>;
  /** Orders that were there before the soak (the seed's demo orders): not the soak's to judge. */
  private before: readonly string[] = [];

  constructor(urls: Readonly<Record<SubgraphName, string>>) {
    // a pool that survives the cluster being frozen and restarted under it
    const pool = (url: string) => {
      const created = new pg.Pool({ connectionString: url, max: 2 });
      created.on('error', () => undefined);
      return created;
    };
    this.pools = { orders: pool(urls.orders), products: pool(urls.products), payments: pool(urls.payments) };
  }

  /** Remembers the orders that exist now, so that every check leaves them out. */
  async markBaseline(): Promise<void> {
    const { rows } = await this.pools.orders.query<{ id: string }>('select id::text from orders');
    this.before = rows.map((row) => row.id);
  }

  /** Orders not yet CONFIRMED or CANCELLED, reservations still held, captures of cancelled orders. */
  async unfinished(productIds: readonly string[]): Promise<{ open: number; reserved: number; unrefunded: number }> {
    const [open, ledgers, unrefunded] = await Promise.all([
      this.pools.orders.query<{ n: number }>(`select count(*)::int as n from orders where ${OPEN} and ${NEW}`, [
        this.before,
      ]),
      Promise.all(productIds.map((id) => stockLedger(this.pools.products, id))),
      this.capturesOfCancelled(),
    ]);
    const reserved = ledgers.reduce((sum, ledger) => sum + ledger.reserved, 0);
    return { open: open.rows[0]?.n ?? -1, reserved, unrefunded };
  }

  private async capturesOfCancelled(): Promise<number> {
    const cancelled = await this.pools.orders.query<{ id: string }>(
      `select id::text from orders where status::text = 'CANCELLED' and ${NEW}`,
      [this.before],
    );
    const { rows } = await this.pools.payments.query<{ n: number }>(
      `select count(*)::int as n from simulated_processor_charges where status::text = 'captured' and idempotency_key = any($1::text[])`,
      [cancelled.rows.map((row) => row.id)],
    );
    return rows[0]?.n ?? -1;
  }

  async snapshot(productIds: readonly string[]): Promise<SoakSnapshot> {
    const [orders, sold, ledgers, charges, captures] = await Promise.all([
      this.pools.orders.query<OrderRow>(
        `select id::text, status::text, cancellation_reason as reason from orders where ${NEW}`,
        [this.before],
      ),
      this.pools.orders.query<{ product: string; units: number }>(
        `select i.product_id::text as product, sum(i.quantity)::int as units from order_items i
         join orders o on o.id = i.order_id where o.status::text = 'CONFIRMED' group by 1`,
      ), // the soak's own products only: no seed order holds them
      Promise.all(productIds.map(async (id) => [id, await stockLedger(this.pools.products, id)] as const)),
      this.pools.payments.query<{ key: string; status: string }>(
        'select idempotency_key as key, status::text from simulated_processor_charges where idempotency_key <> all($1::text[])',
        [this.before],
      ),
      this.pools.payments.query<{ order: string; n: number }>(
        `select aggregate_id as order, count(*)::int as n from outbox
         where type = 'payment.captured' and aggregate_id <> all($1::text[]) group by 1`,
        [this.before],
      ),
    ]);
    return {
      orders: orders.rows,
      soldByOrders: new Map(sold.rows.map((row) => [row.product, row.units])),
      ledgers: new Map(ledgers),
      charges: charges.rows,
      captureEvents: new Map(captures.rows.map((row) => [row.order, row.n])),
    };
  }

  /** Where an unfinished order stands in each service: its last events, payment and reservations. */
  async whereIs(orderId: string): Promise<string> {
    const [events, payment, reservations] = await Promise.all([
      this.pools.orders.query<{ type: string; at: string }>(
        `select type::text, to_char(occurred_at, 'HH24:MI:SS.MS') as at from order_events
         where order_id = $1::uuid order by sequence desc limit 4`,
        [orderId],
      ),
      this.pools.payments.query<{ status: string }>('select status::text from payments where order_id = $1::uuid', [
        orderId,
      ]),
      this.pools.products.query<{ state: string; quantity: number }>(
        'select state::text, quantity from reservations where order_id = $1::uuid',
        [orderId],
      ),
    ]);
    const lastEvents =
      events.rows
        .map((row) => `${row.type}@${row.at}`)
        .toReversed()
        .join(' → ') || 'none';
    const reserved = reservations.rows.map((row) => `${row.quantity} ${row.state}`).join(', ') || 'none';
    return `events: ${lastEvents}; payment: ${payment.rows[0]?.status ?? 'none'}; reservations: ${reserved}`;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((pool) => pool.end()));
  }
}
