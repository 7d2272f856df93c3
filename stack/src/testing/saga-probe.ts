import pg from 'pg';
import { guardPool } from '@shopgraph/service-kit/database/guard-pool';
import { stockLedger } from '@shopgraph/products/adapters/prisma/stock-ledger';
import type { StockLedger } from '@shopgraph/products/adapters/prisma/stock-ledger';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql } from '@shopgraph/test-kit/graphql-client';
import type { GraphQLResponse } from '@shopgraph/test-kit/graphql-client';
import type { SubgraphName } from '../subgraph-names';
import { callGraphQL, shouldRetry } from './soak/soak-client';

export const PLACE_ORDER = `mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id status cancellationReason total { amount currency } items { quantity product { id } } }
}`;

export interface PlacedOrder {
  readonly id: string;
  readonly status: string;
}

export interface PlaceOrderInput {
  readonly items: readonly { readonly productId: string; readonly quantity: number }[];
  readonly paymentToken: string;
  readonly idempotencyKey: string;
}

/** `placeOrder` through the gateway, as a client sends it. */
export const placeOrder = (url: string, token: string, input: PlaceOrderInput) =>
  graphql<{ placeOrder: PlacedOrder }>(url, { query: PLACE_ORDER, variables: { input }, token });

/** The answer of {@link placeOrderPatiently}: the order (if any) and how many calls it took. */
export interface PatientPlacement {
  readonly order: PlacedOrder | undefined;
  readonly attempts: number;
  /** The error codes of the last answer, or why there was none. */
  readonly codes: readonly string[];
}

/** Who places, and how long one call may wait for its answer (default 5 minutes: a loaded machine is slow). */
export interface PatientClient {
  readonly url: string;
  readonly token: string;
  readonly callTimeoutMs?: number;
}

/**
 * `placeOrder` as a careful client sends it on a busy machine: a call the gateway could not
 * complete (the subgraph timed out, the outcome is unknown, no answer at all) is sent again with
 * the same idempotency key, until it is answered or `timeout` (default 5 minutes) has passed.
 */
export async function placeOrderPatiently(
  client: PatientClient,
  input: PlaceOrderInput,
  timeout = 300_000,
): Promise<PatientPlacement> {
  const { url, token, callTimeoutMs = 300_000 } = client;
  const deadline = Date.now() + timeout;
  for (let attempts = 1; ; attempts++) {
    const outcome = await callGraphQL(url, { query: PLACE_ORDER, variables: { input }, token }, callTimeoutMs);
    const order = outcome.kind === 'answer' ? (outcome.data?.['placeOrder'] as PlacedOrder | null) : null;
    if (!shouldRetry(outcome) || Date.now() > deadline) {
      const codes = outcome.kind === 'answer' ? outcome.codes : [`no answer: ${outcome.detail}`];
      return { order: order ?? undefined, attempts, codes };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * attempts)));
  }
}

/** Creates a product through the gateway (as an ADMIN) and returns its ID. */
export async function createProduct(url: string, adminToken: string, input: { stock: number; price?: number }) {
  const sku = `SAGA-${crypto.randomUUID().slice(0, 8)}`;
  const response = await graphql<{ createProduct: { id: string } }>(url, {
    query: 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
    variables: {
      input: {
        sku,
        name: `Saga ${sku}`,
        description: 'saga test',
        price: input.price ?? 1_250,
        currency: 'EUR',
        stock: input.stock,
      },
    },
    token: adminToken,
  });
  const id = response.data?.createProduct.id;
  if (!id) throw new Error(`createProduct failed: ${JSON.stringify(response.errors)}`);
  return id;
}

/** Reads the services' databases directly: what the saga left behind, for assertions only. */
export class SagaProbe {
  private readonly pools: Readonly<Record<'orders' | 'products' | 'payments', pg.Pool>>;

  constructor(urls: Readonly<Record<SubgraphName, string>>) {
    const pool = (url: string) => guardPool(new pg.Pool({ connectionString: url, max: 2 }), { name: 'saga-probe' });
    this.pools = { orders: pool(urls.orders), products: pool(urls.products), payments: pool(urls.payments) };
  }

  async statuses(orderIds: readonly string[]): Promise<Record<string, number>> {
    const { rows } = await this.pools.orders.query<{ status: string; reason: string | null; count: number }>(
      `select status::text, cancellation_reason as reason, count(*)::int as count from orders
       where id = any($1::uuid[]) group by 1, 2`,
      [orderIds],
    );
    return Object.fromEntries(rows.map((row) => [row.reason ? `${row.status}:${row.reason}` : row.status, row.count]));
  }

  /** Waits until every order is CONFIRMED or CANCELLED (default 120 s). */
  async settle(orderIds: readonly string[], timeout = 120_000): Promise<Record<string, number>> {
    const settled = async () => {
      const { rows } = await this.pools.orders.query<{ open: number }>(
        `select count(*)::int as open from orders where id = any($1::uuid[]) and status in ('PENDING', 'AWAITING_PAYMENT')`,
        [orderIds],
      );
      return rows[0]?.open === 0;
    };
    await waitFor(settled, { what: `${orderIds.length} orders to settle`, timeout, interval: 50 });
    return this.statuses(orderIds);
  }

  /** `received = available + reserved + sold` must hold at all times: products' own ledger query. */
  ledger(productId: string): Promise<StockLedger> {
    return stockLedger(this.pools.products, productId);
  }

  /**
   * Whether products has handled the order's cancellation (the tombstone it leaves): from then
   * on its stock for the order is settled, since a later order.placed reserves nothing.
   */
  async productsHeardCancellation(orderId: string): Promise<boolean> {
    const { rows } = await this.pools.products.query('select 1 from order_tombstones where order_id = $1::uuid', [
      orderId,
    ]);
    return rows.length > 0;
  }

  /** Charges the simulated processor recorded for these orders, by status. */
  async charges(orderIds: readonly string[]): Promise<Record<string, number>> {
    const { rows } = await this.pools.payments.query<{ status: string; count: number }>(
      `select status::text, count(*)::int as count from simulated_processor_charges
       where idempotency_key = any($1::text[]) group by 1`,
      [orderIds],
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  }

  async paymentOf(orderId: string): Promise<{ status: string; failureReason: string | null } | undefined> {
    const { rows } = await this.pools.payments.query<{ status: string; failure_reason: string | null }>(
      'select status::text, failure_reason from payments where order_id = $1',
      [orderId],
    );
    const row = rows[0];
    return row && { status: row.status, failureReason: row.failure_reason };
  }

  /** Whether payments closed the order's payment request before any charge (it will never charge it). */
  async paymentRequestClosed(orderId: string): Promise<boolean> {
    const { rows } = await this.pools.payments.query<{ state: string }>(
      'select state::text from payment_requests where order_id = $1',
      [orderId],
    );
    return rows[0]?.state === 'closed';
  }

  /** Outbox events of one service for these orders, by type (repeats would show as counts above 1 per order). */
  async outboxTypes(service: 'orders' | 'products' | 'payments', orderIds: readonly string[]) {
    const { rows } = await this.pools[service].query<{ type: string; count: number }>(
      'select type, count(*)::int as count from outbox where aggregate_id = any($1::text[]) group by 1',
      [orderIds],
    );
    return Object.fromEntries(rows.map((row) => [row.type, row.count]));
  }

  async countRows(service: 'orders' | 'products' | 'payments', table: string): Promise<number> {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table ${table}`);
    const { rows } = await this.pools[service].query<{ count: number }>(`select count(*)::int as count from ${table}`);
    return rows[0]?.count ?? -1;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((pool) => pool.end()));
  }
}

/** The first error code of a response. */
export const firstCode = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.['code'];

/**
 * Places one order of one unit of a new product, paid by `tok_visa`, and returns its ID
 * (or a text saying why there is none, which fails any assertion on it).
 */
export async function placeOneUnit(url: string, tokens: { admin: string; customer: string }): Promise<string> {
  const productId = await createProduct(url, tokens.admin, { stock: 5 });
  const input = { items: [{ productId, quantity: 1 }], paymentToken: 'tok_visa', idempotencyKey: crypto.randomUUID() };
  const placed = await placeOrder(url, tokens.customer, input);
  return placed.data?.placeOrder.id ?? `placeOrder failed: ${JSON.stringify(placed.errors)}`;
}
