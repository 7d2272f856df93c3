import autocannon from 'autocannon';
import pg from 'pg';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { PLACE_ORDER } from '../src/testing/saga-probe';

/** What one timed load of placeOrder left behind. */
export interface LoadFigures {
  readonly accepted: number;
  readonly failed: number;
  readonly p50: number;
  readonly p99: number;
  /** Milliseconds from the end of the load until every order was CONFIRMED or CANCELLED (or the bound). */
  readonly drainMs: number;
  /** Orders still PENDING or AWAITING_PAYMENT when the bound passed: the goal is 0. */
  readonly stuck: number;
  readonly terminal: number;
}

/** Options of {@link loadOrders}. */
export interface LoadOptions {
  readonly url: string;
  readonly token: string;
  readonly productId: string;
  readonly seconds: number;
  readonly clients: number;
  readonly ordersDatabase: string;
}

const COUNTS = `select count(*)::int as total,
  count(*) filter (where o.status::text in ('PENDING', 'AWAITING_PAYMENT'))::int as open
  from orders o where exists (select 1 from order_items i where i.order_id = o.id and i.product_id = $1::uuid)`;

/**
 * `clients` connections placing tok_visa orders for one product for `seconds`, each request a
 * new idempotency key; then waits (bounded: twice the load, at least a minute) for the saga to
 * finish them, and counts what it never finished.
 */
export async function loadOrders(options: LoadOptions): Promise<LoadFigures> {
  const { url, token, productId, seconds, clients, ordersDatabase } = options;
  const body = () =>
    JSON.stringify({
      query: PLACE_ORDER,
      variables: {
        input: { items: [{ productId, quantity: 1 }], paymentToken: 'tok_visa', idempotencyKey: crypto.randomUUID() },
      },
    });
  const result = await autocannon({
    url,
    method: 'POST',
    connections: clients,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  const pool = new pg.Pool({ connectionString: ordersDatabase, max: 1, allowExitOnIdle: true });
  try {
    const counts = async () => (await pool.query<{ total: number; open: number }>(COUNTS, [productId])).rows[0];
    const stopped = performance.now();
    const bound = Math.max(60_000, 2 * seconds * 1000);
    await waitFor(async () => (await counts())?.open === 0, {
      what: 'the orders to settle',
      timeout: bound,
      interval: 100,
    }).catch(() => undefined); // what is left is counted below, as "stuck"
    const drainMs = performance.now() - stopped;
    const left = await counts();
    return {
      accepted: left?.total ?? 0,
      failed: result.non2xx + result.errors,
      p50: result.latency.p50,
      p99: result.latency.p99,
      drainMs,
      stuck: left?.open ?? -1,
      terminal: (left?.total ?? 0) - (left?.open ?? 0),
    };
  } finally {
    await pool.end();
  }
}
