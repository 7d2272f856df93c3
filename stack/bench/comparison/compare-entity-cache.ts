import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import { logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startServiceFleet } from '../../src/service-fleet';
import type { ServiceFleet } from '../../src/service-fleet';
import { ANY_FREE_PORTS, SUBGRAPH_NAMES } from '../../src/subgraph-names';
import { summarise } from './compare-gateways';
import type { CompareOptions } from './compare-gateways';
import { runOnce } from './gateway-comparison';
import type { Run } from './gateway-comparison';

interface Variant {
  readonly name: string;
  readonly fleet: ServiceFleet;
}

/**
 * The products entity cache on and off (decision 0047): two fleets of our own processes over the
 * same databases, measured in interleaved rounds, as requests per CPU-second of gateway + subgraphs.
 */
export async function compareEntityCache(options: CompareOptions): Promise<void> {
  if (!findNatsServer()) return void console.log('entity cache on/off: skipped (no nats-server on PATH)');
  const natsDir = await mkdtemp(join(tmpdir(), 'shopgraph-bench-cache-'));
  const nats = await startNatsServer({ dataDir: natsDir });
  const variants: Variant[] = [];
  try {
    for (const [name, flag] of [
      ['cache on', 'true'],
      ['cache off', 'false'],
    ] as const) {
      const env = {
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        ...ANY_FREE_PORTS,
        ...options.env,
        ENTITY_CACHE: flag,
      };
      const fleet = await startServiceFleet({
        env,
        databases: options.databases,
        natsUrl: nats.url,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      variants.push({ name, fleet });
    }
    await measure(variants, options);
  } finally {
    await Promise.all(variants.map(({ fleet }) => fleet.stopAll()));
    await nats.stop();
    await rm(natsDir, { recursive: true, force: true });
  }
}

async function measure(variants: readonly Variant[], options: CompareOptions): Promise<void> {
  const runs = new Map<string, Run[]>();
  const token = await logInAsCustomer(variants[0]?.fleet.gatewayUrl ?? '');
  for (let round = -1; round < options.rounds; round++) {
    for (const scenario of options.scenarios) {
      for (let i = 0; i < variants.length; i++) {
        const { name, fleet } = variants[(i + Math.max(round, 0)) % variants.length] ?? (variants[0] as Variant);
        const gateway = { name, url: fleet.gatewayUrl, pid: fleet.pid('gateway') ?? 0 };
        const subgraphPids = SUBGRAPH_NAMES.map((subgraph) => fleet.pid(subgraph) ?? 0);
        // round -1 warms JIT, plans, pools and the cache; it does not count
        const run = await runOnce({
          gateway,
          subgraphPids,
          scenario,
          token,
          ...options,
          ...(round < 0 && { seconds: 2 }),
        });
        const key = `${scenario.name}\u0000${name}`;
        if (round >= 0) runs.set(key, [...(runs.get(key) ?? []), run]);
      }
    }
  }
  console.log(
    `entity cache on/off (two fleets of our own processes, same databases; ${options.rounds} interleaved rounds of ` +
      `${options.seconds}s × ${options.connections} connections; CPU from /proc, gateway + 4 subgraphs)`,
  );
  for (const scenario of options.scenarios) {
    const [on, off] = variants.map(({ name }) => ({
      name,
      ...summarise(runs.get(`${scenario.name}\u0000${name}`) ?? []),
    }));
    if (!on || !off) continue;
    console.log(`  ${scenario.name}: on/off ×${(on.perCpuSecond / off.perCpuSecond).toFixed(2)} req/CPU-s`);
    for (const f of [on, off]) {
      console.log(
        `    ${f.name.padEnd(10)} ${f.perCpuSecond.toFixed(0).padStart(5)} req/CPU-s (gateway ${f.gatewayMs.toFixed(2)} ms + subgraphs ${f.subgraphMs.toFixed(2)} ms CPU/request), ` +
          `p99 ${f.p99} ms, ${f.failed} failed, load ${f.loads.map((l) => l.toFixed(1)).join('/')}`,
      );
    }
  }
}
