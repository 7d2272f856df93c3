import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createLogger } from '@shopgraph/service-kit/logger';
import { loadStackConfig } from '../src/config';
import { prepareDatabases } from '../src/prepare-databases';
import { startStack } from '../src/start-stack';
import { ANY_FREE_PORTS } from '../src/subgraph-names';
import { freePort } from '@shopgraph/test-kit/free-port';
import { logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { productionSecrets } from '@shopgraph/test-kit/production-secrets';
import { benchResilience } from './resilience';
import { benchFleetOrderFigures } from './fleet-order-figures';
import { benchOneProcessOrderFigures } from './one-process-order-figures';
import { benchPostgresTransport } from './postgres-transport';
import { benchRelay } from './saga';
import { benchSubscriptions } from './subscriptions';
import { benchUsageRecording } from './usage-recording';
import { compareEntityCache } from './comparison/compare-entity-cache';
import { compareGateways } from './comparison/compare-gateways';
import { benchTracing } from './tracing';

// `npm run bench`: the whole stack on a throwaway embedded PostgreSQL, loaded from this
// process over loopback. BENCH_SECONDS (default 60): how long the order load runs, in each mode;
// the read scenarios run a sixth of it. BENCH_CLIENTS (default 200): the order load's clients.
// BENCH_CONNECTIONS (default 10): the read scenarios' connections. BENCH_ONLY=orders: only the
// order figures (a quick check: `BENCH_SECONDS=5 BENCH_ONLY=orders npm run bench`);
// BENCH_ONLY=usage: only the cost of usage recording (`BENCH_SECONDS=30 BENCH_ONLY=usage npm run bench`).
// BENCH_ONLY=gateways: only the comparison with a stock Apollo gateway and Hive Gateway
// (BENCH_ROUNDS interleaved rounds, default 3, of a sixth of BENCH_SECONDS per gateway and scenario).
// BENCH_ONLY=entity-cache: only the products entity cache on against off (same rounds as the comparison).
// BENCH_ONLY=subscriptions: only the subscription tiers (BENCH_SUBSCRIBERS, see subscriptions.ts;
// `BENCH_SUBSCRIBERS=1,100,1000,1000d,10000` adds the 10,000-client burst, which takes minutes).
// BENCH_ONLY=postgres-transport: Node's CPU per statement over the embedded cluster's Unix socket and over TCP.
// BENCH_WAITS=1: the order figures also print what the databases' backends waited on during the
// contended orders (pg_stat_activity sampled every 200 ms).
// BENCH_ONLY=tracing: only the gateway's requests/s with tracing off, on at sampling 1.0 and on at the default sampling
// (the three take turns, BENCH_ROUNDS rounds; each ratio is to the same round's "off").
const loadSeconds = Number(process.env['BENCH_SECONDS'] ?? 60);
const seconds = Math.max(1, Math.round(loadSeconds / 6));
const clients = Number(process.env['BENCH_CLIENTS'] ?? 200);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
const only = process.env['BENCH_ONLY'];
const onlyOrders = only === 'orders';
const onlyUsage = only === 'usage';
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);

const SCENARIOS = [
  {
    name: 'catalogue page (anonymous, products only)',
    query: '{ products(first: 20) { totalCount edges { node { id name price { amount } } } } }',
    auth: false,
  },
  {
    name: 'my orders (4 subgraphs: users → orders → users, products, payments)',
    query:
      '{ me { orders(first: 20) { edges { node { customer { name } items { product { name } } payment { status } } } } } }',
    auth: true,
  },
];

const dataDir = await mkdtemp(join(tmpdir(), 'shopgraph-bench-'));
const log = createLogger('bench', 'silent');
const config = { ...loadStackConfig({}), dataDir, embeddedPostgresPort: await freePort() };
const began = performance.now();
const databases = await prepareDatabases({ config, env: {}, log, seed: true });
const comparison = () => ({
  databases: databases.urls,
  env: benchSecrets(),
  scenarios: SCENARIOS,
  seconds,
  connections,
  rounds,
});
if (only === 'gateways' || only === 'subscriptions' || only === 'entity-cache' || only === 'postgres-transport') {
  try {
    if (only === 'postgres-transport') await benchPostgresTransport(databases.urls.orders, rounds);
    else if (only === 'subscriptions') await benchSubscriptions(databases.urls, benchSecrets());
    else if (only === 'entity-cache') await compareEntityCache(comparison());
    else await compareGateways(comparison());
  } finally {
    await databases.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}
const stack = await startStack({
  env: { NODE_ENV: 'production', LOG_LEVEL: 'silent', ...ANY_FREE_PORTS, ...benchSecrets() },
  databases: databases.urls,
  log,
});
console.log(
  `cold start of a fresh stack (initdb, migrate, seed, start): ${((performance.now() - began) / 1000).toFixed(1)}s`,
);

if (process.env['BENCH_ONLY'] === 'tracing') {
  await stack.stop();
  try {
    await benchTracing({ databases: databases.urls, seconds, connections, rounds, env: benchSecrets() });
  } finally {
    await databases.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

try {
  if (!onlyOrders) await benchUsageRecording({ stack, env: benchSecrets(), log, seconds, connections });
  if (!onlyUsage) await benchTheRest();
} finally {
  await stack.stop();
  await databases.stop();
  await rm(dataDir, { recursive: true, force: true });
}

async function benchTheRest(): Promise<void> {
  if (!onlyOrders) await benchReads(stack.gateway.url);
  const figures = {
    databases: databases.urls,
    seconds: loadSeconds,
    clients,
    sampleWaits: process.env['BENCH_WAITS'] === '1',
  };
  await stack.stop();
  await benchOneProcessOrderFigures({ ...figures, eventBus: databases.eventBus, env: benchSecrets() });
  if (!onlyOrders) {
    await compareGateways(comparison());
    await compareEntityCache(comparison());
  }
  await benchFleetOrderFigures({ ...figures, env: benchSecrets() });
  if (!onlyOrders) {
    await benchRelay(databases.urls.orders);
    await benchResilience(databases.urls, limitsOff());
    await benchSubscriptions(databases.urls, benchSecrets());
  }
}

async function benchReads(url: string): Promise<void> {
  const token = await logInAsCustomer(url);
  for (const scenario of SCENARIOS) {
    const result = await autocannon({
      url,
      method: 'POST',
      connections,
      duration: seconds,
      headers: { 'content-type': 'application/json', ...(scenario.auth ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: scenario.query }),
    });
    const failed = result.non2xx + result.errors;
    console.log(
      `${scenario.name}: ${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
        ` (${connections} connections, ${seconds}s, ${result.requests.total} requests, ${failed} failed)`,
    );
  }
}

// the load comes from one IP and one user: the default limits would measure themselves
function limitsOff(): Record<string, string> {
  return {
    RATE_LIMIT_IP_BURST: '1000000',
    RATE_LIMIT_IP_PER_SECOND: '1000000',
    RATE_LIMIT_USER_BURST: '1000000',
    RATE_LIMIT_USER_PER_SECOND: '1000000',
  };
}

// production mode without the development secrets' warnings, as a real deployment runs
function benchSecrets(): Record<string, string> {
  return { ...limitsOff(), ...productionSecrets('bench') };
}
