import pg from 'pg';
import { poolConfigFromUrl } from '@shopgraph/service-kit/database/pool-config';

const WARM_UP = 2_000;
const STATEMENTS = 20_000;

/**
 * Node's CPU per statement over the server's Unix socket and over TCP on 127.0.0.1, taking
 * turns `rounds` times on one connection each (decision 0051). `url` is an embedded cluster's,
 * whose `host` parameter names the socket directory.
 */
export async function benchPostgresTransport(url: string, rounds: number): Promise<void> {
  const socket = poolConfigFromUrl(url);
  const tcp = { ...socket, host: '127.0.0.1' };
  for (let round = 1; round <= rounds; round++) {
    for (const [name, config] of [
      ['unix socket', socket],
      ['tcp 127.0.0.1', tcp],
    ] as const) {
      const { wallUs, cpuUs } = await timeStatements(config);
      console.log(
        `postgres transport, round ${round}, ${name}: ${cpuUs.toFixed(1)} µs of Node CPU and ${wallUs.toFixed(1)} µs wall per statement (${STATEMENTS} in a row)`,
      );
    }
  }
}

async function timeStatements(config: pg.ClientConfig): Promise<{ wallUs: number; cpuUs: number }> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    for (let i = 0; i < WARM_UP; i++) await client.query('select $1::int', [i]);
    const cpu = process.cpuUsage();
    const began = performance.now();
    for (let i = 0; i < STATEMENTS; i++) await client.query('select $1::int', [i]);
    const used = process.cpuUsage(cpu);
    return {
      wallUs: ((performance.now() - began) * 1_000) / STATEMENTS,
      cpuUs: (used.user + used.system) / STATEMENTS,
    };
  } finally {
    await client.end();
  }
}
