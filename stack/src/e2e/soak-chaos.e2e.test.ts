import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import type { RunningNatsServer } from '@shopgraph/event-bus/nats-server-process';
import { stopProcess } from '@shopgraph/service-kit/child-process';
import { TEST_ENV } from '@shopgraph/test-kit/test-stack';
import { startServiceFleet } from '../service-fleet';
import type { ServiceFleet, ServiceName } from '../service-fleet';
import { portOf, startServiceProcess } from '../service-process';
import { SUBGRAPH_NAMES, databaseUrlVariable } from '../subgraph-names';
import { pausePostgres } from '../testing/soak/postgres-pause';
import { runSoak } from '../testing/soak/run-soak';
import { seededRandom, soakSeed } from '../testing/soak/seeded-random';
import {
  collectDeadLetterLines,
  natsDeadLetters,
  oneProcessBusEnv,
  postgresDeadLetters,
} from '../testing/soak/soak-bus';
import { startSoakCluster } from '../testing/soak/soak-cluster';
import type { SoakCluster } from '../testing/soak/soak-cluster';

// tok_slow answers after 6 s and the payment gives up after 3 s (far above a tok_visa charge on a
// loaded machine): late captures get refunded; a killed consumer's event comes back from NATS
// after 2 s instead of 30
const SAGA_ENV = { PAYMENT_TIMEOUT_MS: '3000', SIMULATED_PROCESSOR_SLOW_MS: '6000', NATS_ACK_WAIT_MS: '2000' };
const SOAK_TIMEOUT = 480_000; // a bound against hanging: the soak waits for outcomes, not for time
const seed = soakSeed(process.env);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const nats = findNatsServer();
if (!nats)
  console.warn('SKIPPED: the soak on separate processes needs nats-server on PATH (apt-get install nats-server)');

describe('a soak with chaos: every accepted order ends, nothing is sold, charged or refunded wrongly', () => {
  let cluster: SoakCluster;
  beforeAll(async () => {
    cluster = await startSoakCluster();
  }, 180_000);
  afterAll(async () => cluster?.stop());

  describe.skipIf(!nats)('separate processes on NATS JetStream (npm run start:services)', () => {
    let natsDir: string;
    let server: RunningNatsServer;
    let fleet: ServiceFleet;
    const fleetDatabases = {} as Record<(typeof SUBGRAPH_NAMES)[number], string>;

    beforeAll(async () => {
      natsDir = await mkdtemp(join(tmpdir(), 'shopgraph-soak-nats-'));
      server = await startNatsServer({ dataDir: natsDir });
      const databases = await cluster.databases('fleet');
      fleet = await startServiceFleet({
        env: { ...TEST_ENV, ...SAGA_ENV },
        databases: databases.urls,
        natsUrl: server.url,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      Object.assign(fleetDatabases, databases.urls);
    }, 180_000);
    afterAll(async () => {
      await fleet?.stopAll();
      await server?.stop();
      if (natsDir) await rm(natsDir, { recursive: true, force: true });
    });
    it(
      'survives SIGKILLs of products, orders and payments, a frozen PostgreSQL and a consumer down for seconds',
      async () => {
        const verdict = await runSoak({
          target: {
            name: 'NATS, separate processes',
            url: fleet.gatewayUrl,
            databases: fleetDatabases,
            deadLetters: () => natsDeadLetters(server.url),
            actions: {
              kill: async (target) => {
                await fleet.stop(target as ServiceName, 'SIGKILL');
                await fleet.start(target as ServiceName);
              },
              pausePostgres: (ms) => pausePostgres(cluster.dataDir, ms),
              down: async (target, ms) => {
                await fleet.stop(target as ServiceName);
                await sleep(ms);
                await fleet.start(target as ServiceName);
              },
            },
          },
          random: seededRandom(seed),
          size: { orders: 200, clients: 30 },
          chaos: { kills: 5, killTargets: ['products', 'orders', 'payments'], downTargets: ['products', 'payments'] },
        });
        expect(verdict.violations).toEqual([]);
      },
      SOAK_TIMEOUT,
    );
  });

  describe('the one-process stack (npm start), killed whole', () => {
    let stack: ChildProcess | undefined;
    let port = 0;
    const deadLetters: string[] = [];
    let env: Record<string, string>;
    let urls: Record<(typeof SUBGRAPH_NAMES)[number], string>;
    let eventsUrl = '';

    /** `npm start`'s process on the soak's databases; a restart listens on the same port. */
    async function startStackProcess(): Promise<void> {
      const started = await startServiceProcess({
        workspace: 'stack',
        env: { ...env, GATEWAY_PORT: String(port) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      collectDeadLetterLines(started.child.stdout, deadLetters);
      stack = started.child;
      port = portOf(started.url);
    }

    beforeAll(async () => {
      const databases = await cluster.databases('one_process');
      urls = { ...databases.urls };
      eventsUrl = databases.eventsUrl;
      const databaseEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [databaseUrlVariable(name), urls[name]]));
      // LOG_LEVEL error: the dead-letter lines are how this mode sees its bus's dead letters
      env = { ...TEST_ENV, ...SAGA_ENV, ...databaseEnv, ...oneProcessBusEnv(databases), LOG_LEVEL: 'error' };
      await startStackProcess();
    }, 180_000);
    afterAll(async () => {
      if (stack) await stopProcess(stack);
    });

    it(
      'survives SIGKILLs of the whole process and a frozen PostgreSQL',
      async () => {
        const verdict = await runSoak({
          target: {
            name: 'one process',
            url: `http://127.0.0.1:${port}/graphql`,
            databases: urls,
            // the bus's table, and the lines logged: a parked event shows in both
            deadLetters: async () => [...deadLetters, ...(await postgresDeadLetters(eventsUrl))],
            actions: {
              kill: async () => {
                if (stack) await stopProcess(stack, 'SIGKILL');
                await startStackProcess();
              },
              pausePostgres: (ms) => pausePostgres(cluster.dataDir, ms),
              down: () => Promise.reject(new Error('the one-process stack has no service to take down alone')),
            },
          },
          random: seededRandom(seed),
          size: { orders: 150, clients: 20 },
          chaos: { kills: 3, killTargets: ['stack'], downTargets: [] },
        });
        expect(verdict.violations).toEqual([]);
      },
      SOAK_TIMEOUT,
    );
  });
});
