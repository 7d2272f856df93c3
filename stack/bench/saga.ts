import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createPostgresEventBus } from '@shopgraph/event-bus/postgres-event-bus';
import { createNatsEventBus } from '@shopgraph/event-bus/nats-event-bus';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import type { EventBus } from '@shopgraph/event-bus/event-bus';
import { appendToOutbox } from '@shopgraph/outbox/append-to-outbox';
import { inTransaction } from '@shopgraph/outbox/in-transaction';
import { createOutboxRelay } from '@shopgraph/outbox/outbox-relay';
import { createServicePool } from '@shopgraph/service-kit/database/service-pool';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { logInAsAdmin, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { SagaProbe, PLACE_ORDER, createProduct, placeOrder } from '../src/testing/saga-probe';
import type { SubgraphName } from '../src/subgraph-names';

interface SagaBenchOptions {
  readonly url: string;
  readonly databases: Readonly<Record<SubgraphName, string>>;
  readonly seconds: number;
  readonly connections: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** placeOrder latency under load, then the time 1,000 orders for 10 units take to settle. */
export async function benchSaga({ url, databases, seconds: duration, connections }: SagaBenchOptions): Promise<void> {
  const probe = new SagaProbe(databases);
  try {
    const [customer, admin] = await Promise.all([logInAsCustomer(url), logInAsAdmin(url)]);
    const productId = await createProduct(url, admin, { stock: 1_000_000 });
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
      connections,
      duration,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${customer}` },
      requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
    });
    console.log(
      `placeOrder through the gateway: ${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, ` +
        `p99 ${result.latency.p99} ms (${connections} connections, ${duration}s, ${result.requests.total} orders, ${result.non2xx + result.errors} failed)`,
    );
    const drained = performance.now();
    await waitFor(async () => (await probe.ledger(productId)).reserved === 0, {
      what: 'the orders to settle',
      timeout: 600_000,
    });
    console.log(`  the saga finished those orders ${seconds(performance.now() - drained)} after the load stopped`);

    const scarce = await createProduct(url, admin, { stock: 10 });
    const began = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 1_000 }, () =>
        placeOrder(url, customer, {
          items: [{ productId: scarce, quantity: 1 }],
          paymentToken: 'tok_visa',
          idempotencyKey: crypto.randomUUID(),
        }),
      ),
    );
    const placed = performance.now();
    const outcome = await probe.settle(
      responses.map((response) => response.data?.placeOrder.id ?? ''),
      600_000,
    );
    console.log(
      `1,000 concurrent orders for 10 units: accepted in ${seconds(placed - began)}, settled ${seconds(performance.now() - began)} ` +
        `after the first request: ${JSON.stringify(outcome)}`,
    );
  } finally {
    await probe.close();
  }
}

const RELAYED = 5_000;

/** Events one relay publishes per second from a backlog, to the Postgres bus (same database) and to NATS. */
export async function benchRelay(databaseUrl: string): Promise<void> {
  await relayBacklog('Postgres bus', databaseUrl, () =>
    createPostgresEventBus({ databaseUrl, logger: pino({ level: 'silent' }) }),
  );
  if (!findNatsServer()) return void console.log('relay to NATS JetStream: skipped (no nats-server on PATH)');
  const dataDir = await mkdtemp(join(tmpdir(), 'shopgraph-bench-nats-'));
  const server = await startNatsServer({ dataDir });
  try {
    const fsync = server.syncAlways ? 'fsync on every write' : 'this nats-server fsyncs every 2 min';
    await relayBacklog(`NATS JetStream, ${fsync}`, databaseUrl, () =>
      createNatsEventBus({ servers: server.url, logger: pino({ level: 'silent' }) }),
    );
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function relayBacklog(name: string, databaseUrl: string, connect: () => Promise<EventBus>): Promise<void> {
  const pool = createServicePool(databaseUrl);
  const bus = await connect();
  try {
    await pool.query('delete from outbox where published_at is null');
    const events = Array.from({ length: RELAYED }, () => ({
      id: crypto.randomUUID(),
      type: 'bench.relayed',
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId: crypto.randomUUID(),
      payload: {},
    }));
    await inTransaction(pool, (client) => appendToOutbox(client, events));
    const relay = createOutboxRelay({ pool, bus, log: pino({ level: 'silent' }) });
    const began = performance.now();
    relay.start();
    await waitFor(() => relay.metrics().published >= RELAYED, {
      what: 'the backlog to be relayed',
      timeout: 600_000,
      interval: 20,
    });
    const elapsed = performance.now() - began;
    await relay.stop();
    console.log(
      `one outbox relay, ${RELAYED} events to the ${name}: ${((RELAYED / elapsed) * 1000).toFixed(0)} events/s`,
    );
  } finally {
    await bus.close();
    await pool.end();
  }
}
