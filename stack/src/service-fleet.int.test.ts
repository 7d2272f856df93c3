import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import type { RunningNatsServer } from '@shopgraph/event-bus/nats-server-process';
import { createLogger } from '@shopgraph/service-kit/logger';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql } from '@shopgraph/test-kit/graphql-client';
import { createSeededDatabases } from '@shopgraph/test-kit/seeded-databases';
import type { SeededDatabases } from '@shopgraph/test-kit/seeded-databases';
import { TEST_ENV } from '@shopgraph/test-kit/test-stack';
import { startServiceFleet } from './service-fleet';
import type { ServiceFleet } from './service-fleet';

const nats = findNatsServer();
if (!nats)
  console.warn('SKIPPED: the start:services restart test needs nats-server on PATH (apt-get install nats-server)');

const PRODUCTS = '{ products(first: 1) { totalCount } }';
type Products = { products: { totalCount: number } };

describe.skipIf(!nats)('npm run start:services when a service process dies', () => {
  let natsDir: string;
  let server: RunningNatsServer;
  let databases: SeededDatabases;
  let fleet: ServiceFleet;

  beforeAll(async () => {
    natsDir = await mkdtemp(join(tmpdir(), 'shopgraph-fleet-nats-'));
    server = await startNatsServer({ dataDir: natsDir });
    databases = await createSeededDatabases();
    fleet = await startServiceFleet({
      env: TEST_ENV,
      databases: databases.urls,
      natsUrl: server.url,
      stdio: ['ignore', 'ignore', 'inherit'],
      restarts: { log: createLogger('fleet', 'silent'), policy: { initialMs: 200 } },
    });
  }, 120_000);
  afterAll(async () => {
    await fleet?.stopAll();
    await server?.stop();
    await databases?.drop();
    await rm(natsDir, { recursive: true, force: true });
  });

  it('starts a SIGKILLed service again, on the same port, and the graph answers in full', async () => {
    const before = fleet.pid('products');
    expect(before).toBeDefined();
    process.kill(before as number, 'SIGKILL');
    expect(await fleet.exited('products')).toBe('SIGKILL');
    await waitFor(() => fleet.pid('products') !== before, { what: 'a new products process', timeout: 90_000 });
    const answer = async () => (await graphql<Products>(fleet.gatewayUrl, { query: PRODUCTS })).data?.products;
    await waitFor(async () => ((await answer())?.totalCount ?? 0) > 0, {
      what: 'products to answer through the gateway again',
      timeout: 60_000,
      interval: 200,
    });
    expect((await answer())?.totalCount).toBeGreaterThan(0);
  }, 180_000);
});
