import { announceListening } from '@shopgraph/service-kit/announce-listening';
import { createLogger } from '@shopgraph/service-kit/logger';
import { runUntilSignalled } from '@shopgraph/service-kit/run-until-signalled';
import { startTracing, stopTracing } from '@shopgraph/service-kit/tracing/tracing';
import { loadTracingConfig } from '@shopgraph/service-kit/tracing/tracing-config';
import { localUrl, printBanner } from './banner';
import { loadStackConfig } from './config';
import { prepareDatabases } from './prepare-databases';
import { startStack } from './start-stack';
import { SUBGRAPH_NAMES } from './subgraph-names';
import type { Stack } from './start-stack';

// `npm start`: the whole supergraph on the embedded default, in one process.
const began = performance.now();
const config = loadStackConfig(process.env);
const log = createLogger('shopgraph', config.logLevel);
// one process, one provider per service: each span still names the service that made it (0030)
startTracing({ config: loadTracingConfig(process.env), globalService: 'gateway' });
const databases = await prepareDatabases({ config, env: process.env, log, seed: true });
let stack: Stack;
try {
  stack = await startStack({ env: process.env, databases: databases.urls, eventBusDatabase: databases.eventBus, log });
} catch (error) {
  await databases.stop();
  throw error;
}
for (const warning of stack.warnings) log.warn(warning);

const seconds = ((performance.now() - began) / 1000).toFixed(1);
printBanner({
  headline: `shopgraph is up in ${seconds}s (${databases.source} PostgreSQL)`,
  gatewayUrl: stack.gateway.url,
  demoData: databases.seeded,
  details: SUBGRAPH_NAMES.map(
    (name) => `  ${name.padEnd(24)} ${localUrl(stack.subgraphs[name].url)}  (signed requests only)`,
  ),
});
announceListening(log, stack.gateway.url, 'gateway listening');
runUntilSignalled(log, async () => {
  await stack.stop();
  await databases.stop();
  await stopTracing();
});
