import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
