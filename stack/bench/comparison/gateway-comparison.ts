import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { stopProcess } from '@shopgraph/service-kit/child-process';
import { waitFor } from '@shopgraph/service-kit/wait-for';
import { graphql, logInAsCustomer } from '@shopgraph/test-kit/graphql-client';
import type { ServiceFleet } from '../../src/service-fleet';
import { SUBGRAPH_NAMES, routingEnv } from '../../src/subgraph-names';
import { cpuSecondsOfAll } from './process-cpu';

/** One gateway under comparison: its URL and the process whose CPU it spends. */
export interface ComparedGateway {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
}

/** Starts `script` (a file of this folder) as its own gateway process over the fleet's subgraphs. */
export async function startComparisonGateway(options: {
  readonly name: string;
  readonly script: string;
  readonly fleet: ServiceFleet;
  readonly env: Readonly<Record<string, string>>;
}): Promise<ComparedGateway & { readonly child: ChildProcess }> {
  const { name, script, fleet, env } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], {
    // Hive reads LOG_LEVEL too, and knows no 'silent'
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      ...env,
      LOG_LEVEL: 'error',
      ...routingEnv(fleet.url),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it listened`)));
    child.on('message', (message: { url?: string }) => message.url && resolve(message.url));
  });
  const answers = async () => (await graphql(url, { query: '{ __typename }' }).catch(() => undefined))?.data;
  await waitFor(async () => (await answers()) !== undefined, { what: `${name} to answer`, timeout: 60_000 });
  return { name, url, pid: child.pid ?? 0, child };
}

// SIGKILL: Hive's runtime traps SIGTERM and stays up while its server is open, and nothing of a
// comparison gateway needs a graceful end
export const stopComparisonGateway = async (gateway: { child: ChildProcess }): Promise<void> =>
  void (await stopProcess(gateway.child, 'SIGKILL'));

/** What one run of one scenario through one gateway cost. */
interface Run {
  readonly requests: number;
  readonly failed: number;
  readonly gatewayCpu: number;
  readonly subgraphCpu: number;
  readonly p99: number;
  readonly load: number;
}

async function runOnce(options: {
  gateway: ComparedGateway;
  subgraphPids: readonly number[];
  scenario: { query: string; auth: boolean };
  token: string;
  seconds: number;
  connections: number;
}): Promise<Run> {
  const { gateway, subgraphPids, scenario, token, seconds, connections } = options;
  const gatewayBefore = cpuSecondsOfAll([gateway.pid]);
  const subgraphsBefore = cpuSecondsOfAll(subgraphPids);
  const result = await autocannon({
    url: gateway.url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...(scenario.auth ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: scenario.query }),
  });
  return {
    requests: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
    gatewayCpu: cpuSecondsOfAll([gateway.pid]) - gatewayBefore,
    subgraphCpu: cpuSecondsOfAll(subgraphPids) - subgraphsBefore,
    p99: result.latency.p99,
    load: loadavg()[0] ?? 0,
  };
}

/** Every scenario's answer through `gateway`, as JSON: the gateways compared must agree. */
export async function answersOf(
  gateway: ComparedGateway,
  scenarios: readonly { query: string; auth: boolean }[],
): Promise<string> {
  const token = await logInAsCustomer(gateway.url);
  const answers = [];
  for (const { query, auth } of scenarios) answers.push(await graphql(gateway.url, { query, ...(auth && { token }) }));
  return JSON.stringify(answers);
}

export { SUBGRAPH_NAMES, runOnce };
export type { Run };
