import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import { collectSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import type { CollectedSubscription } from '@shopgraph/gateway/subscriptions/testing/collect-subscription';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startServiceFleet } from '../src/service-fleet';
import type { ServiceFleet } from '../src/service-fleet';
import { ANY_FREE_PORTS } from '../src/subgraph-names';
import type { SubgraphName } from '../src/subgraph-names';
import { EVENT_FIELDS, liveClient } from '../src/testing/live-client';
import { createProduct, placeOrder } from '../src/testing/saga-probe';
import { percentile } from './percentile';

const SUBSCRIBERS = [1, 100, 1_000];
const ORDERS_PER_ROUND = 10;
const QUERY = `subscription Mine { myOrderEvents { ${EVENT_FIELDS} } }`;

/** The resident memory of a process, from /proc (Linux). */
async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

/**
 * Each service as its own process on NATS, so the gateway's memory is its own: for 1, 100 and
 * 1,000 subscribers of myOrderEvents, the delay from an event's commit (its occurredAt) to
 * its arrival at each client, and the gateway's resident memory per subscription.
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
      env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', SUBSCRIPTION_MAX_PER_CONNECTION: '20', ...ANY_FREE_PORTS, ...env },
      databases,
      natsUrl: server.url,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (const subscribers of SUBSCRIBERS) await round(fleet, subscribers);
  } finally {
    await fleet?.stopAll();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function round(fleet: ServiceFleet, subscribers: number): Promise<void> {
  const url = fleet.gatewayUrl;
  const [customer, admin] = await Promise.all([logInAsCustomer(url), logInAsAdmin(url)]);
  const gatewayPid = fleet.pid('gateway') ?? 0;
  const before = await rssBytes(gatewayPid);
  const clients: Client[] = Array.from({ length: subscribers }, () => liveClient(url, customer));
  const latencies: number[] = [];
  const live: CollectedSubscription[] = clients.map((client) => collectSubscription(client, { query: QUERY }));
  for (const subscription of live) {
    const push = subscription.results.push.bind(subscription.results);
    subscription.results.push = (...results) => {
      const arrived = Date.now();
      for (const result of results) {
        const occurredAt = (result.data as { myOrderEvents?: { occurredAt: string } } | undefined)?.myOrderEvents
          ?.occurredAt;
        if (occurredAt) latencies.push(arrived - Date.parse(occurredAt));
      }
      return push(...results);
    };
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000 + subscribers)); // every subscription registered
  const during = await rssBytes(gatewayPid);
  const productId = await createProduct(url, admin, { stock: 1_000 });
  for (let i = 0; i < ORDERS_PER_ROUND; i++) {
    await placeOrder(url, customer, {
      items: [{ productId, quantity: 1 }],
      paymentToken: 'tok_visa',
      idempotencyKey: crypto.randomUUID(),
    });
  }
  const expected = subscribers * ORDERS_PER_ROUND * 4;
  await waitFor(() => latencies.length >= expected, { what: `${expected} deliveries`, timeout: 120_000 }).catch(
    () => undefined,
  );
  await Promise.all(clients.map((client) => client.dispose()));
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `subscriptions, ${subscribers} subscriber(s): commit → client p50 ${percentile(sorted, 0.5)} ms, p99 ${percentile(sorted, 0.99)} ms ` +
      `(${latencies.length}/${expected} deliveries); gateway RSS +${((during - before) / subscribers / 1024).toFixed(1)} KiB per subscription`,
  );
}
