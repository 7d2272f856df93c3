import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import { logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startServiceFleet } from '../../src/service-fleet';
import type { ServiceFleet } from '../../src/service-fleet';
import { ANY_FREE_PORTS, SUBGRAPH_NAMES } from '../../src/subgraph-names';
import type { SubgraphName } from '../../src/subgraph-names';
import { answersOf, runOnce, startComparisonGateway, stopComparisonGateway } from './gateway-comparison';
import type { ComparedGateway, Run } from './gateway-comparison';
import { median } from '../percentile';

/** Options of {@link compareGateways}. */
export interface CompareOptions {
  readonly databases: Readonly<Record<SubgraphName, string>>;
  /** Secrets and raised limits, as for the rest of the bench. */
  readonly env: Readonly<Record<string, string>>;
  readonly scenarios: readonly { name: string; query: string; auth: boolean }[];
  readonly seconds: number;
  readonly connections: number;
  /** Interleaved rounds: each runs every gateway once per scenario, in a rotating order. */
  readonly rounds: number;
}

/**
 * Ours, a stock @apollo/gateway and Hive Gateway, each its own process in front of the same
 * subgraph processes: requests per CPU-second of gateway + subgraphs, and p99, as ratios.
 */
export async function compareGateways(options: CompareOptions): Promise<void> {
  if (!findNatsServer()) return void console.log('gateway comparison: skipped (no nats-server on PATH)');
  const natsDir = await mkdtemp(join(tmpdir(), 'shopgraph-bench-compare-'));
  const nats = await startNatsServer({ dataDir: natsDir });
  const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', ...ANY_FREE_PORTS, ...options.env };
  const fleet = await startServiceFleet({
    env,
    databases: options.databases,
    natsUrl: nats.url,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const others = [];
  try {
    others.push(await startComparisonGateway({ name: 'stock Apollo', script: 'stock-apollo-gateway.ts', fleet, env }));
    others.push(await startComparisonGateway({ name: 'Hive', script: 'hive-gateway.ts', fleet, env }));
    const ours = { name: 'ours', url: fleet.gatewayUrl, pid: fleet.pid('gateway') ?? 0 };
    await measure(fleet, [ours, ...others], options);
  } finally {
    await Promise.all(others.map(stopComparisonGateway));
    await fleet.stopAll();
    await nats.stop();
    await rm(natsDir, { recursive: true, force: true });
  }
}

async function measure(
  fleet: ServiceFleet,
  gateways: readonly [ComparedGateway, ...ComparedGateway[]],
  options: CompareOptions,
): Promise<void> {
  const [ours] = gateways;
  const expected = await answersOf(ours, options.scenarios);
  for (const gateway of gateways.slice(1)) {
    if ((await answersOf(gateway, options.scenarios)) !== expected) {
      console.log(`gateway comparison: ${gateway.name} answers differently from ours; its figures are not comparable`);
    }
  }
  const subgraphPids = SUBGRAPH_NAMES.map((name) => fleet.pid(name) ?? 0);
  const token = await logInAsCustomer(ours.url);
  const runs = new Map<string, Run[]>();
  // JIT, plan caches and connection pools warm before anything counts
  for (const scenario of options.scenarios) {
    for (const gateway of gateways) await runOnce({ gateway, subgraphPids, scenario, token, ...options, seconds: 2 });
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const scenario of options.scenarios) {
      for (let i = 0; i < gateways.length; i++) {
        const gateway = gateways[(i + round) % gateways.length] ?? ours;
        const run = await runOnce({ gateway, subgraphPids, scenario, token, ...options });
        const key = `${scenario.name}\u0000${gateway.name}`;
        runs.set(key, [...(runs.get(key) ?? []), run]);
      }
    }
  }
  printTable(gateways, options, runs);
}

export function summarise(runs: readonly Run[]) {
  const sum = (pick: (run: Run) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const requests = sum((run) => run.requests);
  return {
    perCpuSecond: requests / sum((run) => run.gatewayCpu + run.subgraphCpu),
    gatewayMs: (sum((run) => run.gatewayCpu) * 1000) / requests,
    subgraphMs: (sum((run) => run.subgraphCpu) * 1000) / requests,
    p99: median(runs.map((run) => run.p99)),
    failed: sum((run) => run.failed),
    loads: runs.map((run) => run.load),
  };
}

function printTable(
  gateways: readonly [ComparedGateway, ...ComparedGateway[]],
  options: CompareOptions,
  runs: Map<string, Run[]>,
): void {
  console.log(
    `gateway comparison (each its own process, same subgraph processes; ${options.rounds} interleaved rounds of ` +
      `${options.seconds}s × ${options.connections} connections; CPU from /proc, gateway + 4 subgraphs, PostgreSQL not counted)`,
  );
  for (const scenario of options.scenarios) {
    const figures = gateways.map((gateway) => ({
      gateway,
      ...summarise(runs.get(`${scenario.name}\u0000${gateway.name}`) ?? []),
    }));
    const [ours] = figures as [(typeof figures)[number], ...typeof figures];
    console.log(`  ${scenario.name}`);
    for (const f of figures) {
      const ratio =
        f === ours
          ? ''
          : `; ours ×${(ours.perCpuSecond / f.perCpuSecond).toFixed(2)} req/CPU-s, p99 ours/theirs ${(ours.p99 / f.p99).toFixed(2)}`;
      console.log(
        `    ${f.gateway.name.padEnd(13)} ${f.perCpuSecond.toFixed(0).padStart(5)} req/CPU-s (gateway ${f.gatewayMs.toFixed(2)} ms + subgraphs ${f.subgraphMs.toFixed(2)} ms CPU/request), ` +
          `p99 ${f.p99} ms, ${f.failed} failed, load ${f.loads.map((l) => l.toFixed(1)).join('/')}${ratio}`,
      );
    }
  }
  console.log(
    `  machine load after the comparison: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
