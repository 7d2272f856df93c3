import type { ChildProcess } from 'node:child_process';
import { loadGatewayConfig } from '@shopgraph/gateway/config';
import { startGateway } from '@shopgraph/gateway/gateway-server';
import { createLogger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { SUBGRAPH_MODULES } from '@shopgraph/stack/services';
import { SUBGRAPH_NAMES } from '@shopgraph/stack/subgraph-names';
import { startDelayProxy } from '@shopgraph/test-kit/delay-proxy';
import type { DelayProxy } from '@shopgraph/test-kit/delay-proxy';
import { freePort } from '@shopgraph/test-kit/free-port';
import { startServiceProcess, stopServiceProcess, waitUntilOk } from '@shopgraph/test-kit/service-process';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { TEST_ENV } from '@shopgraph/test-kit/test-stack';

/**
 * A supergraph whose payments subgraph is a real process of its own (so it can be killed and
 * restarted) behind a delaying TCP proxy; the rest runs in this process.
 */
export interface PartialOutageStack {
  readonly url: string;
  readonly proxy: DelayProxy;
  killPayments(): Promise<void>;
  restartPayments(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPartialOutageStack(
  gatewayEnv: Readonly<Record<string, string>>,
): Promise<PartialOutageStack> {
  const log = createLogger('test', 'silent');
  const databases: TestDatabase[] = [];
  const services: RunningService[] = [];
  const routing: Record<string, string> = {};
  const paymentsPort = await freePort();
  let paymentsUrl = '';
  for (const name of SUBGRAPH_NAMES) {
    const database = await createTestDatabase(name);
    databases.push(database);
    await SUBGRAPH_MODULES[name].seed(database.url);
    if (name === 'payments') {
      paymentsUrl = database.url;
      continue;
    }
    const service = await SUBGRAPH_MODULES[name].start(
      { ...TEST_ENV, [`${name.toUpperCase()}_DATABASE_URL`]: database.url },
      log,
    );
    services.push(service);
    routing[`${name.toUpperCase()}_URL`] = service.url;
  }
  let payments: ChildProcess | undefined;
  const startPayments = async () => {
    payments = startServiceProcess('subgraphs/payments', {
      ...TEST_ENV,
      PAYMENTS_PORT: String(paymentsPort),
      PAYMENTS_DATABASE_URL: paymentsUrl,
    });
    await waitUntilOk(`http://127.0.0.1:${paymentsPort}/ready`);
  };
  await startPayments();
  const proxy = await startDelayProxy(paymentsPort);
  const gatewayConfig = loadGatewayConfig({
    ...TEST_ENV,
    ...routing,
    PAYMENTS_URL: `http://127.0.0.1:${proxy.port}/graphql`,
    ...gatewayEnv,
  });
  const gateway = await startGateway(gatewayConfig, log);
  const killPayments = async () => void (payments && (await stopServiceProcess(payments, 'SIGKILL')));
  return {
    url: gateway.url,
    proxy,
    killPayments,
    restartPayments: startPayments,
    stop: async () => {
      await gateway.stop();
      await killPayments();
      await proxy.close();
      await Promise.all(services.map((service) => service.stop()));
      await Promise.all(databases.map((database) => database.drop()));
    },
  };
}
