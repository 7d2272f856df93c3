import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import { startServiceFleet } from '../src/service-fleet';
import { ANY_FREE_PORTS } from '../src/subgraph-names';
import type { SubgraphName } from '../src/subgraph-names';
import { benchOrderFigures } from './order-figures';

/** Options of {@link benchFleetOrderFigures}. */
export interface FleetFiguresOptions {
  /** The same databases the one-process stack used (it is stopped): the figures are per product. */
  readonly databases: Readonly<Record<SubgraphName, string>>;
  readonly seconds: number;
  readonly clients: number;
  /** Secrets and raised rate limits, as for the one-process stack. */
  readonly env: Readonly<Record<string, string>>;
}

/** The order figures again with each service its own process on NATS JetStream (`npm run start:services`). */
export async function benchFleetOrderFigures(options: FleetFiguresOptions): Promise<void> {
  const { databases, env } = options;
  if (!findNatsServer()) return void console.log('separate processes on NATS: skipped (no nats-server on PATH)');
  const natsDir = await mkdtemp(join(tmpdir(), 'shopgraph-bench-fleet-nats-'));
  const server = await startNatsServer({ dataDir: natsDir });
  try {
    const fleet = await startServiceFleet({
      env: { NODE_ENV: 'production', LOG_LEVEL: 'silent', ...ANY_FREE_PORTS, ...env },
      databases,
      natsUrl: server.url,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      await benchOrderFigures({ ...options, mode: 'separate processes on NATS', url: fleet.gatewayUrl });
    } finally {
      await fleet.stopAll();
    }
  } finally {
    await server.stop();
    await rm(natsDir, { recursive: true, force: true });
  }
}
