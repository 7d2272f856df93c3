import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import { closeCodeOf, collectSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { sampleOf, scrapeMetrics } from '@shopgraph/test-kit/prometheus-scrape';
import { startServiceFleet } from '../src/service-fleet';
import type { ServiceFleet } from '../src/service-fleet';
import { ANY_FREE_PORTS } from '../src/subgraph-names';
import type { SubgraphName } from '../src/subgraph-names';
import { adminTokens } from '../src/testing/admin-tokens';
import { EVENT_FIELDS, liveClient, untilLive } from '../src/testing/live-client';
import { createProduct, placeOrder } from '../src/testing/saga-probe';
import { cpuSecondsOf } from './comparison/process-cpu';
import { percentile } from './percentile';
import { benchWebSocketFloor } from './websocket-floor';

// BENCH_SUBSCRIBERS: the tiers, comma-separated; `N` is N clients of one customer (they share one
// upstream subscription), `Nd` N ADMIN dashboards of distinct identities (they share only what the
// subgraphs declare with @sharedAnswer, decision 0048), `Nf` the floor under N: N clients of a
// bare ws server, no gateway (websocket-floor.ts), `Ns` the same floor with its frames stamped when
// due rather than when written, all that are due written at once (the least any gateway's delay
// could be).
const TIERS = (process.env['BENCH_SUBSCRIBERS'] ?? '1,100,1000,1000d').split(',').map((tier) => ({
  subscribers: Number.parseInt(tier, 10),
  distinct: tier.trim().endsWith('d'),
  floor: tier.trim().endsWith('f'),
  onSchedule: tier.trim().endsWith('s'),
}));
const ORDERS_PER_ROUND = 10;
// BENCH_ORDER_INTERVAL_MS: at least this long from one order's start to the next (default 0: each
// order as soon as the one before was answered), to read delivery at a rate the box can sustain
const ORDER_INTERVAL_MS = Number(process.env['BENCH_ORDER_INTERVAL_MS'] ?? 0);
const SHARED = `subscription Mine { myOrderEvents { ${EVENT_FIELDS} } }`;
const DISTINCT = `subscription All { orderEvents { ${EVENT_FIELDS} } }`;
// when the gateway's memory is read again after the clients left: soon, and once V8's memory
// reducer (which collects an idle heap and gives pages back) has had its chance
const SETTLE_MS = [8_000, 60_000];

/** The resident memory of a process, from /proc (Linux). */
async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

/** A gauge of the gateway's /metrics (NaN, said, when it has none). */
async function gatewayGauge(gatewayUrl: string, name: string): Promise<number> {
  const scrape = await scrapeMetrics(gatewayUrl);
  if (scrape.families.has(name)) return sampleOf(scrape, name);
  console.log(`no ${name} in the gateway's /metrics`);
  return Number.NaN;
}

/**
 * Each service as its own process on NATS, so the gateway's memory is its own: for each tier
 * (BENCH_SUBSCRIBERS), the delay from an event's commit (its occurredAt) to its arrival at each
 * client, the gateway's resident memory per subscription, and after the clients have left.
 */
export async function benchSubscriptions(
  databases: Readonly<Record<SubgraphName, string>>,
  env: Record<string, string>,
) {
  if (!findNatsServer()) return void console.log('subscriptions: skipped (no nats-server on PATH)');
  const dataDir = await mkdtemp(join(tmpdir(), 'shopgraph-bench-live-'));
  const server = await startNatsServer({ dataDir });
  let fleet: ServiceFleet | undefined;
  try {
    fleet = await startServiceFleet({
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'silent',
        SUBSCRIPTION_MAX_PER_CONNECTION: '20',
        WS_MAX_CONNECTIONS_PER_IP: '100000',
        // BENCH_FLEET_NODE_OPTIONS: Node options of every service, e.g. `--require` of a profiler hook
        ...(process.env['BENCH_FLEET_NODE_OPTIONS'] && { NODE_OPTIONS: process.env['BENCH_FLEET_NODE_OPTIONS'] }),
        ...ANY_FREE_PORTS,
        ...env,
      },
      databases,
      natsUrl: server.url,
      // BENCH_LOG_LEVEL=warn shows what the services log while the tiers run
      stdio: ['ignore', process.env['BENCH_LOG_LEVEL'] ? 'inherit' : 'ignore', 'inherit'],
    });
    await warmUp(fleet.gatewayUrl);
    for (const tier of TIERS) {
      if (tier.floor || tier.onSchedule) await benchWebSocketFloor(tier.subscribers, tier.onSchedule);
      else await round(fleet, { ...tier, jwtSecret: env['JWT_SECRET'] ?? '' });
    }
  } finally {
    await fleet?.stopAll();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** An order of one unit, paid by card: each makes four events (placed, reserved, captured, confirmed). */
const placeOneUnit = (url: string, customer: string, productId: string) =>
  placeOrder(url, customer, {
    items: [{ productId, quantity: 1 }],
    paymentToken: 'tok_visa',
    idempotencyKey: crypto.randomUUID(),
  });

/**
 * One round of orders with one subscriber before any tier, unmeasured: the first orders of a
 * fleet just started run through code no process has compiled yet, and the first tier would
 * measure that rather than delivery.
 */
async function warmUp(url: string): Promise<void> {
  const [customer, admin] = await Promise.all([logInAsCustomer(url), logInAsAdmin(url)]);
  const client = liveClient(url, customer);
  try {
    const subscription = collectSubscription(client, { query: SHARED });
    const productId = await createProduct(url, admin, { stock: 1_000 });
    const placeOne = () => placeOneUnit(url, customer, productId);
    await untilLive(subscription, placeOne);
    for (let i = 1; i < ORDERS_PER_ROUND; i++) await placeOne();
    await waitFor(() => subscription.results.length >= ORDERS_PER_ROUND * 4, {
      what: 'the warm-up round',
      timeout: 60_000,
    });
  } finally {
    await client.dispose();
  }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function round(fleet: ServiceFleet, tier: { subscribers: number; distinct: boolean; jwtSecret: string }) {
  const { subscribers, distinct } = tier;
  const url = fleet.gatewayUrl;
  const [customer, admin] = await Promise.all([logInAsCustomer(url), logInAsAdmin(url)]);
  const gatewayPid = fleet.pid('gateway') ?? 0;
  const [before, heapBefore] = await Promise.all([
    rssBytes(gatewayPid),
    gatewayGauge(url, 'nodejs_heap_size_used_bytes'),
  ]);
  const tokens = distinct
    ? await adminTokens(subscribers, tier.jwtSecret)
    : Array.from({ length: subscribers }, () => customer);
  const clients: Client[] = tokens.map((token) => liveClient(url, token));
  const commits = { first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY };
  const arrivals: Arrivals = { latencies: [], commits, withErrors: 0, endings: new Map() };
  const { latencies, endings } = arrivals;
  const subscriptions = clients.map((client) => timeArrivals(client, distinct ? DISTINCT : SHARED, arrivals));
  // every subscription registered at the gateway, then a second for the upstream ones at orders
  const subscribing = performance.now();
  await waitFor(async () => (await gatewayGauge(url, 'gateway_subscriptions')) >= subscribers, {
    what: `${subscribers} subscriptions`,
    timeout: 120_000,
  }).catch(() => undefined);
  const registered = `${await gatewayGauge(url, 'gateway_subscriptions')} registered after ${((performance.now() - subscribing) / 1000).toFixed(0)} s`;
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const during = await rssBytes(gatewayPid);
  const productId = await createProduct(url, admin, { stock: 1_000 });
  // who was busy while the events were delivered: the gateway, or this process and its clients
  const started = { wall: performance.now(), gateway: cpuSecondsOf(gatewayPid), clients: cpuSecondsOf(process.pid) };
  for (let i = 0; i < ORDERS_PER_ROUND; i++) {
    const placing = performance.now();
    await placeOneUnit(url, customer, productId);
    const rest = placing + ORDER_INTERVAL_MS - performance.now();
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  const expected = subscribers * ORDERS_PER_ROUND * 4;
  await waitFor(() => latencies.length >= expected, { what: `${expected} deliveries`, timeout: 120_000 }).catch(
    () => undefined,
  );
  const pace = ORDER_INTERVAL_MS > 0 ? `orders ${ORDER_INTERVAL_MS} ms apart, ` : 'orders one after another, ';
  const busy =
    pace +
    `events committed over ${((commits.last - commits.first) / 1000).toFixed(1)} s, ` +
    `${((performance.now() - started.wall) / 1000).toFixed(1)} s from the first order to the last delivery, ` +
    `gateway CPU ${(cpuSecondsOf(gatewayPid) - started.gateway).toFixed(1)} s, ` +
    `clients' process CPU ${(cpuSecondsOf(process.pid) - started.clients).toFixed(1)} s`;
  const short = subscriptions.filter((subscription) => subscription.received < ORDERS_PER_ROUND * 4);
  const missing =
    `${short.filter((subscription) => subscription.received === 0).length} got nothing, ${short.length} not everything, ` +
    `${arrivals.withErrors} results with errors`;
  // how subscriptions ended before the clients left: none should have
  const endedEarly = [...endings].map(([reason, count]) => `${count} ${reason}`).join(', ') || 'none';
  await Promise.all(clients.map((client) => client.dispose()));
  const left = Date.now();
  const afterwards: string[] = [];
  for (const settle of SETTLE_MS) {
    await new Promise((resolve) => setTimeout(resolve, left + settle - Date.now()));
    const [rss, heap] = await Promise.all([rssBytes(gatewayPid), gatewayGauge(url, 'nodejs_heap_size_used_bytes')]);
    afterwards.push(`${mib(rss)} ${settle / 1000} s after they left (V8 heap in use ${mib(heap)})`);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `subscriptions, ${subscribers} ${distinct ? 'distinct ADMIN identities' : 'clients of one customer'}: ` +
      `commit → client p50 ${percentile(sorted, 0.5)} ms, p99 ${percentile(sorted, 0.99)} ms (${latencies.length}/${expected} delivered; ${registered}; ${missing}; ended before the clients left: ${endedEarly}; ${busy}); ` +
      `gateway RSS +${((during - before) / subscribers / 1024).toFixed(1)} KiB per subscription; ` +
      `RSS ${mib(before)} before (V8 heap in use ${mib(heapBefore)}), ${mib(during)} with them, ${afterwards.join(', ')} (load ${loadavg()[0]?.toFixed(1)})`,
  );
}

/**
 * What the tier's clients received: each result's delay from its event's commit, how many came
 * with errors, and how many subscriptions ended, by how.
 */
interface Arrivals {
  readonly latencies: number[];
  /** The first and last commit (`occurredAt`, ms) among the events received. */
  readonly commits: { first: number; last: number };
  withErrors: number;
  readonly endings: Map<string, number>;
}

/** One client's subscription as the tier counts it: results received, nothing kept. */
interface Counted {
  received: number;
}

/**
 * Subscribes through `client` and records, for each result, the delay from its event's commit
 * (`occurredAt`) to its arrival, and how the subscription ended. Results are counted,
 * not kept: 400,000 of them held to the end made the clients' process collect garbage for a
 * sixth of its time, and delayed the very arrivals it measures.
 */
function timeArrivals(client: Client, query: string, arrivals: Arrivals): Counted {
  const counted: Counted = { received: 0 };
  const ended = (reason: string) => arrivals.endings.set(reason, (arrivals.endings.get(reason) ?? 0) + 1);
  client.subscribe(
    { query },
    {
      next: (result) => {
        const arrived = Date.now();
        counted.received += 1;
        // a result whose completion failed may still carry the event: it arrived, but not whole
        if (result.errors?.length) arrivals.withErrors += 1;
        const data = result.data as Record<string, { occurredAt?: string } | undefined> | undefined;
        const occurredAt = (data?.['myOrderEvents'] ?? data?.['orderEvents'])?.occurredAt;
        if (!occurredAt) return;
        const committed = Date.parse(occurredAt);
        arrivals.latencies.push(arrived - committed);
        if (committed < arrivals.commits.first) arrivals.commits.first = committed;
        if (committed > arrivals.commits.last) arrivals.commits.last = committed;
      },
      error: (error) => ended(`closed ${closeCodeOf(error) ?? String(error)}`),
      complete: () => ended('completed'),
    },
  );
  return counted;
}
