import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql, logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { SagaProbe, createProduct, placeOrder, placeOrderPatiently } from '../src/testing/saga-probe';
import type { SubgraphName } from '../src/subgraph-names';
import { loadOrders } from './order-load';
import { cpuBetween, cpuOfProcessTree } from './process-tree-cpu';
import { sampleWaits } from './wait-sampler';

/** Options of {@link benchOrderFigures}. */
export interface OrderFiguresOptions {
  /** The mode, printed before each figure: `one process (npm start)`, `separate processes on NATS`. */
  readonly mode: string;
  readonly url: string;
  readonly databases: Readonly<Record<SubgraphName, string>>;
  /** How long the clients place orders. */
  readonly seconds: number;
  readonly clients: number;
  /** Samples the databases' wait events during the contended orders and prints them (`BENCH_WAITS=1`). */
  readonly sampleWaits?: boolean;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The figures issue 9 asks for, in one mode: orders settled per second under load and how
 * many stayed stuck, the time to drain after the load, placeOrder p50/p99, the time 1,000
 * contended orders take to settle (and the CPU each process used meanwhile), and another
 * customer's order latency while 10 tok_slow orders are in flight, as a ratio to its
 * unloaded latency.
 */
export async function benchOrderFigures(options: OrderFiguresOptions): Promise<void> {
  const { mode, url, databases, seconds, clients } = options;
  const print = (line: string) => console.log(`[${mode}] ${line}`);
  const [customer, admin] = await Promise.all([logInAsCustomer(url), logInAsAdmin(url)]);
  const productId = await createProduct(url, admin, { stock: 1_000_000 });
  const load = await loadOrders({
    url,
    token: customer,
    productId,
    seconds,
    clients,
    ordersDatabase: databases.orders,
  });
  print(
    `${clients} clients placing orders for ${seconds} s: ${load.accepted} accepted (${load.failed} failed), ` +
      `placeOrder p50 ${load.p50} ms, p99 ${load.p99} ms; ` +
      `${(load.terminal / (seconds + load.drainMs / 1000)).toFixed(0)} orders/s settled; ` +
      `every order terminal ${s(load.drainMs)} after the load stopped; stuck: ${load.stuck}`,
  );
  const probe = new SagaProbe(databases);
  try {
    const sampler = options.sampleWaits ? sampleWaits(databases) : undefined;
    const contention = await contendedOrders({ url, customer, admin, probe });
    if (sampler) print(`wait events during the contended orders: ${await sampler.stop()}`);
    print(
      `1,000 concurrent orders for 10 units: settled ${s(contention.ms)} after the first request (all placeOrder answered after ${s(contention.answeredMs)}): ${contention.outcome}`,
    );
    print(`CPU until every placeOrder was answered: ${contention.cpu.placing}`);
    print(`CPU from then until every order settled: ${contention.cpu.settling}`);
    const slow = await slowOrderRatio({ url, customer, admin, probe });
    print(
      `another customer's order, placed to CONFIRMED: ${s(slow.unloaded)} unloaded, ${s(slow.loaded)} with 10 tok_slow ` +
        `orders in flight: ×${(slow.loaded / slow.unloaded).toFixed(1)}`,
    );
  } finally {
    await probe.close();
  }
}

interface Shop {
  readonly url: string;
  readonly customer: string;
  readonly admin: string;
  readonly probe: SagaProbe;
}

const SETTLE_BOUND = 600_000; // 10 minutes: a bound, not a figure

async function contendedOrders({ url, customer, admin, probe }: Shop) {
  const scarce = await createProduct(url, admin, { stock: 10 });
  const cpuBefore = cpuOfProcessTree();
  const began = performance.now();
  // 1,000 connections at once overflow a listen backlog: a reset call is sent again with its key
  const order = () =>
    placeOrderPatiently(
      { url, token: customer },
      { items: [{ productId: scarce, quantity: 1 }], paymentToken: 'tok_visa', idempotencyKey: crypto.randomUUID() },
    );
  const placements = await Promise.all(Array.from({ length: 1_000 }, order));
  const answeredMs = performance.now() - began;
  const cpuAnswered = cpuOfProcessTree();
  const ids = placements.flatMap((placement) => (placement.order ? [placement.order.id] : []));
  const outcome = await probe.settle(ids, SETTLE_BOUND).then(JSON.stringify, (error: unknown) => String(error));
  const ms = performance.now() - began;
  const cpu = { placing: cpuBetween(cpuBefore, cpuAnswered), settling: cpuBetween(cpuAnswered, cpuOfProcessTree()) };
  return { ms, answeredMs, cpu, outcome: `${outcome}, ${1_000 - ids.length} never answered` };
}

/** Milliseconds from placeOrder to CONFIRMED for one tok_visa order of `token`'s customer. */
async function orderLatency(shop: Shop, token: string): Promise<number> {
  const productId = await createProduct(shop.url, shop.admin, { stock: 10 });
  const began = performance.now();
  const input = { items: [{ productId, quantity: 1 }], paymentToken: 'tok_visa', idempotencyKey: crypto.randomUUID() };
  const id = (await placeOrder(shop.url, token, input)).data?.placeOrder.id ?? '';
  await shop.probe.settle([id], SETTLE_BOUND);
  return performance.now() - began;
}

async function slowOrderRatio(shop: Shop): Promise<{ unloaded: number; loaded: number }> {
  const other = await signUp(shop.url);
  const samples = [await orderLatency(shop, other), await orderLatency(shop, other), await orderLatency(shop, other)];
  const unloaded = samples.toSorted((a, b) => a - b)[1] ?? Number.NaN;
  const slowProduct = await createProduct(shop.url, shop.admin, { stock: 100 });
  const slowOrders = await Promise.all(
    Array.from({ length: 10 }, () =>
      placeOrder(shop.url, shop.customer, {
        items: [{ productId: slowProduct, quantity: 1 }],
        paymentToken: 'tok_slow',
        idempotencyKey: crypto.randomUUID(),
      }),
    ),
  );
  const slowIds = slowOrders.map((response) => response.data?.placeOrder.id ?? '');
  // the slow orders are in flight once each has its stock reserved: payments has them then
  await waitFor(async () => (await shop.probe.statuses(slowIds))['PENDING'] === undefined, {
    what: 'the slow orders in flight',
    timeout: SETTLE_BOUND,
  });
  const loaded = await orderLatency(shop, other);
  await shop.probe.settle(slowIds, SETTLE_BOUND);
  return { unloaded, loaded };
}

async function signUp(url: string): Promise<string> {
  const email = `bench-${crypto.randomUUID().slice(0, 8)}@shop.test`;
  const response = await graphql<{ signUp: { token: string } }>(url, {
    query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }',
    variables: { input: { email, name: 'Bench Customer', password: 'bench-password' } },
  });
  const token = response.data?.signUp.token;
  if (!token) throw new Error(`signUp failed: ${JSON.stringify(response.errors)}`);
  return token;
}
