import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { findNatsServer, startNatsServer } from '@shopgraph/event-bus/nats-server-process';
import { logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startServiceFleet } from '../src/service-fleet';
import { median } from './percentile';
import { ANY_FREE_PORTS } from '../src/subgraph-names';
import type { SubgraphName } from '../src/subgraph-names';

/** Options of {@link benchTracing}. */
export interface TracingBenchOptions {
  readonly databases: Readonly<Record<SubgraphName, string>>;
  /** Seconds of load per mode. */
  readonly seconds: number;
  readonly connections: number;
  /** Secrets and raised rate limits, as for the other figures. */
  readonly env: Readonly<Record<string, string>>;
}

// four subgraphs behind one query: every span kind (gateway, fetches, subgraph requests, SQL) is made
const QUERY =
  '{ me { orders(first: 20) { edges { node { customer { name } items { product { name } } payment { status } } } } } }';

/** A stand-in OTLP/HTTP collector: it takes every export and keeps nothing, so the figures are ours alone. */
async function startSink(): Promise<{ url: string; exports: () => number; close: () => Promise<void> }> {
  let exports = 0;
  const server = createServer((req, res) => {
    req.resume().on('end', () => {
      exports += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://127.0.0.1:${port}`, exports: () => exports, close };
}

async function requestsPerSecond(url: string, options: TracingBenchOptions): Promise<{ rate: number; failed: number }> {
  const token = await logInAsCustomer(url);
  const load = (duration: number) =>
    autocannon({
      url,
      method: 'POST',
      connections: options.connections,
      duration,
      timeout: 60, // seconds: on a loaded machine a slow answer is still an answer
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY }),
    });
  await load(2); // warm-up: connections, JIT, caches
  const result = await load(options.seconds);
  // counted among the requests/s, so a mode that fails (times out) does not look faster than it is
  return {
    rate: (result.requests.total - result.non2xx) / options.seconds,
    failed: result.non2xx + result.errors,
  };
}

/**
 * The gateway's requests/s with tracing off, on at sampling 1.0, and on at the default sampling
 * (production: 10 %), each service its own process as production runs them, spans exported over
 * OTLP/HTTP to a sink. The modes take turns, `rounds` times: each mode's ratio is to the "off" of
 * its own round, and the median of those is reported, so a machine that drifts during the run
 * ("off" measured first and last of four runs in a row differed by ×0.75 to ×2.0) moves every mode alike.
 * Reported as ratios: absolute figures say more about the machine than about tracing (decision 0013).
 */
export async function benchTracing(options: TracingBenchOptions & { readonly rounds: number }): Promise<void> {
  if (!findNatsServer()) return void console.log('tracing: skipped (no nats-server on PATH)');
  const sink = await startSink();
  const natsDir = await mkdtemp(join(tmpdir(), 'shopgraph-bench-tracing-nats-'));
  const nats = await startNatsServer({ dataDir: natsDir });
  const exporting = { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url };
  const modes = [
    { name: 'tracing off', env: {} },
    { name: 'tracing on, sampling 1.0', env: { ...exporting, OTEL_TRACES_SAMPLER: 'parentbased_always_on' } },
    { name: 'tracing on, default sampling (production: 10 %)', env: exporting },
  ];
  // each mode's rate per round, in round order: a ratio is to the same round's "off" (the first mode)
  const tallies = modes.map((mode) => ({ ...mode, rates: [] as number[], failed: 0, exports: 0 }));
  const offRates = tallies[0]?.rates ?? [];
  const ratiosOf = (rates: readonly number[]) => rates.map((rate, round) => rate / (offRates[round] ?? rate));
  try {
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const tally of tallies) {
        const fleet = await startServiceFleet({
          env: { NODE_ENV: 'production', LOG_LEVEL: 'silent', ...ANY_FREE_PORTS, ...options.env, ...tally.env },
          databases: options.databases,
          natsUrl: nats.url,
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        try {
          const before = sink.exports();
          const { rate, failed } = await requestsPerSecond(fleet.gatewayUrl, options);
          tally.rates.push(rate);
          tally.failed += failed;
          tally.exports += sink.exports() - before;
          const ratio = ratiosOf(tally.rates).at(-1) ?? 1;
          console.log(`  round ${round}, ${tally.name}: ${rate.toFixed(1)} answered req/s, ${ratio.toFixed(2)} × off`);
        } finally {
          await fleet.stopAll();
        }
      }
    }
    for (const tally of tallies) {
      const ratios = ratiosOf(tally.rates);
      console.log(
        `${tally.name}: ${median(tally.rates).toFixed(1)} answered req/s (median of ${options.rounds}), ` +
          `${median(ratios).toFixed(2)} × off (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}), ` +
          `${tally.failed} failed (${tally.exports} OTLP exports)`,
      );
    }
    console.log(
      `tracing off, slowest round ÷ fastest: ${(Math.min(...offRates) / Math.max(...offRates)).toFixed(2)} (the machine's drift)`,
    );
  } finally {
    await nats.stop();
    await sink.close();
    await rm(natsDir, { recursive: true, force: true });
  }
}
