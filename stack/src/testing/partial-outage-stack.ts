import type { ChildProcess } from 'node:child_process';
import { loadGatewayConfig } from '@shopgraph/gateway/config';
import { startGateway } from '@shopgraph/gateway/gateway-server';
import { createLogger } from '@shopgraph/service-kit/logger';
import type { RunningService } from '@shopgraph/service-kit/running-service';
import { startDelayProxy } from '@shopgraph/test-kit/delay-proxy';
import type { DelayProxy } from '@shopgraph/test-kit/delay-proxy';
import { stopProcess } from '@shopgraph/service-kit/child-process';
import { TEST_ENV } from '@shopgraph/test-kit/test-stack';
import { portOf, startServiceProcess } from '../service-process';
import { SUBGRAPH_MODULES } from '../services';
import { SUBGRAPH_NAMES, databaseUrlVariable, routingEnv } from '../subgraph-names';
import type { SubgraphName } from '../subgraph-names';

/**
 * A supergraph whose payments subgraph is a real process of its own (so it can be killed and
 * restarted) behind a delaying TCP proxy; the rest runs in this process. For fault tests and
 * the resilience benchmark.
 */
export interface PartialOutageStack {
  readonly url: string;
  readonly proxy: DelayProxy;
  killPayments(): Promise<void>;
  restartPayments(): Promise<void>;
  stop(): Promise<void>;
}

export interface PartialOutageOptions {
  /** Seeded, migrated databases, one per subgraph. */
  readonly databases: Readonly<Record<SubgraphName, string>>;
  readonly gatewayEnv: Readonly<Record<string, string>>;
}

export async function startPartialOutageStack({
  databases,
  gatewayEnv,
}: PartialOutageOptions): Promise<PartialOutageStack> {
  const log = createLogger('test', 'silent');
  const services = new Map<SubgraphName, RunningService>();
  for (const name of SUBGRAPH_NAMES.filter((n) => n !== 'payments')) {
    const env = { ...TEST_ENV, [databaseUrlVariable(name)]: databases[name] };
    services.set(name, await SUBGRAPH_MODULES[name].start(env, log, {}));
  }
  // port 0 the first time; a restart listens where the proxy forwards
  let paymentsPort = 0;
  let payments: ChildProcess | undefined;
  const startPayments = async () => {
    const started = await startServiceProcess({
      workspace: 'subgraphs/payments',
      env: { ...TEST_ENV, PAYMENTS_PORT: String(paymentsPort), PAYMENTS_DATABASE_URL: databases.payments },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    payments = started.child;
    paymentsPort = portOf(started.url);
  };
  const killPayments = async () => void (payments && (await stopProcess(payments, 'SIGKILL')));
  let proxy: DelayProxy | undefined;
  let gateway: RunningService | undefined;
  const stop = async () => {
    await gateway?.stop();
    await killPayments();
    await proxy?.close();
    await Promise.all([...services.values()].map((service) => service.stop()));
  };
  try {
    await startPayments();
    proxy = await startDelayProxy(paymentsPort);
    const paymentsUrl = `http://127.0.0.1:${proxy.port}/graphql`;
    const routing = routingEnv((name) => (name === 'payments' ? paymentsUrl : (services.get(name)?.url ?? '')));
    const routed = { ...TEST_ENV, ...routing, ...gatewayEnv };
    gateway = await startGateway(loadGatewayConfig(routed), log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: gateway.url, proxy, killPayments, restartPayments: startPayments, stop };
}
