import autocannon from 'autocannon';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import { startPartialOutageStack } from '../src/testing/partial-outage-stack';
import type { SubgraphName } from '../src/subgraph-names';
import { percentile } from './percentile';

const MY_ORDERS = '{ me { orders(first: 20) { edges { node { id payment { status } } } } } }';

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms (${samples.length} requests)`;
};

async function timed(times: number, send: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const began = performance.now();
    await send();
    samples.push(performance.now() - began);
  }
  return samples;
}

/** Payments killed, broken open, restarted; then slowed behind a proxy. Prints the figures. */
export async function benchResilience(
  databases: Readonly<Record<SubgraphName, string>>,
  limits: Record<string, string>,
): Promise<void> {
  const shop = await startPartialOutageStack({ databases, gatewayEnv: limits });
  try {
    const token = await logInAsCustomer(shop.url);
    const ask = () => graphql<{ me: unknown }>(shop.url, { query: MY_ORDERS, token });
    console.log(`steady state, 4 subgraphs up: ${summary(await timed(200, ask))}`);
    await shop.killPayments();
    const breakerOpen = async () =>
      ((await (await fetch(new URL('/ready', shop.url))).json()) as { breakers: Record<string, string> }).breakers[
        'payments'
      ] === 'open';
    await waitFor(async () => (await ask(), breakerOpen()), { what: 'the payments breaker to open', timeout: 30_000 });
    console.log(`payments down, breaker open (partial answers): ${summary(await timed(200, ask))}`);
    const restarted = performance.now();
    await shop.restartPayments();
    const ready = performance.now();
    await waitFor(async () => (await ask()).errors === undefined, { what: 'whole answers', timeout: 30_000 });
    const whole = performance.now();
    console.log(
      `recovery: payments process ready ${((ready - restarted) / 1000).toFixed(2)} s after restart; ` +
        `answers whole ${((whole - ready) / 1000).toFixed(2)} s later (breaker half-opens after 2 s)`,
    );
  } finally {
    await shop.stop();
  }
  await benchSlowSubgraph(databases, limits);
}

async function benchSlowSubgraph(
  databases: Readonly<Record<SubgraphName, string>>,
  limits: Record<string, string>,
): Promise<void> {
  for (const [label, env] of [
    ['timeout 500 ms, breaker off', { PAYMENTS_TIMEOUT_MS: '500', BREAKER_FAILURE_THRESHOLD: '1000' }],
    ['timeout 500 ms, default breaker', { PAYMENTS_TIMEOUT_MS: '500' }],
  ] as const) {
    const shop = await startPartialOutageStack({ databases, gatewayEnv: { ...limits, ...env } });
    try {
      const token = await logInAsCustomer(shop.url);
      shop.proxy.delayMs = 3_000;
      const result = await autocannon({
        url: shop.url,
        method: 'POST',
        connections: 10,
        duration: 10,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: MY_ORDERS }),
      });
      console.log(
        `payments 3 s slow (${label}): gateway p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
          `max ${result.latency.max} ms (${result.requests.total} requests, ${result.non2xx + result.errors} failed)`,
      );
    } finally {
      await shop.stop();
    }
  }
}
