import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadGatewayConfig } from '@shopgraph/gateway/config';
import { startGateway } from '@shopgraph/gateway/gateway-server';
import { readUsageRecord } from '@shopgraph/gateway/usage/usage-file';
import type { Logger } from '@shopgraph/service-kit/logger';
import type { Stack } from '../src/start-stack';
import { routingEnv } from '../src/subgraph-names';

const QUERY = 'query Catalogue { products(first: 20) { totalCount edges { node { id name price { amount } } } } }';
const ROUNDS = 3;

async function requestsPerSecond(url: string, options: { seconds: number; connections: number }): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: {
      'content-type': 'application/json',
      'apollographql-client-name': 'bench',
      'apollographql-client-version': '1',
    },
    body: JSON.stringify({ query: QUERY }),
  });
  if (result.non2xx + result.errors > 0) throw new Error(`${result.non2xx + result.errors} requests failed`);
  return result.requests.average;
}

/**
 * The gateway's cost of usage recording: two gateways over the same subgraphs, one recording
 * and one not, loaded in turns (off, on, off, on, …) so that both see the same machine.
 */
export async function benchUsageRecording(options: {
  readonly stack: Stack;
  readonly env: Record<string, string>;
  readonly log: Logger;
  readonly seconds: number;
  readonly connections: number;
}): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'shopgraph-usage-bench-'));
  const env = { ...options.env, GATEWAY_PORT: '0', ...routingEnv((name) => options.stack.subgraphs[name].url) };
  const start = (recording: 'on' | 'off') =>
    startGateway(
      loadGatewayConfig({ ...env, USAGE_RECORDING: recording, USAGE_RECORD_PATH: join(dir, 'usage.json') }),
      options.log,
    );
  const gateways = { off: await start('off'), on: await start('on') };
  const totals = { off: 0, on: 0 };
  let recorded = 0;
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const mode of ['off', 'on'] as const) totals[mode] += await requestsPerSecond(gateways[mode].url, options);
    }
    await Promise.all([gateways.off.stop(), gateways.on.stop()]);
    // the record proves the recording gateway recorded: one operation, every request counted
    const record = await readUsageRecord(join(dir, 'usage.json'));
    recorded = record?.operations.flatMap(({ clients }) => clients).reduce((sum, { count }) => sum + count, 0) ?? 0;
  } finally {
    await Promise.all([gateways.off.stop(), gateways.on.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
  const [off, on] = [totals.off / ROUNDS, totals.on / ROUNDS];
  console.log(
    `usage recording (catalogue page, ${options.connections} connections, ${ROUNDS}×${options.seconds}s each, in turns): ` +
      `off ${off.toFixed(0)} req/s, on ${on.toFixed(0)} req/s (${(((on - off) / off) * 100).toFixed(1)}%); ${recorded} requests recorded`,
  );
}
