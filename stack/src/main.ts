import { announceListening } from '@shopgraph/service-kit/announce-listening';
import { createLogger, secretsOf } from '@shopgraph/service-kit/logger';
import { runUntilSignalled } from '@shopgraph/service-kit/run-until-signalled';
import { explorerUrl, startStorefront, storefrontBuilt } from '@shopgraph/web/storefront';
import { startTracing, stopTracing } from '@shopgraph/service-kit/tracing/tracing';
import { loadTracingConfig } from '@shopgraph/service-kit/tracing/tracing-config';
import { localUrl, printBanner, secondsSinceProcessStart } from './banner';
import { loadStackConfig } from './config';
import { prepareDatabases } from './prepare-databases';
import { startStack } from './start-stack';
import { SUBGRAPH_NAMES } from './subgraph-names';
import type { Stack } from './start-stack';

// `npm start`: the whole supergraph on the embedded default, in one process.
const config = loadStackConfig(process.env);
const log = createLogger('shopgraph', { level: config.logLevel, secrets: secretsOf(process.env) });
// one process, one provider per service: each span still names the service that made it (0030)
startTracing({ config: loadTracingConfig(process.env), globalService: 'gateway' });
const databases = await prepareDatabases({ config, env: process.env, log, seed: true });
// the storefront first, so the gateway's landing page can link to its explorer (development)
let gatewayUrl = '';
// (`npm start` builds it first; a process started otherwise, as the crash tests do, may run without)
const storefront = storefrontBuilt()
  ? await startStorefront(process.env, () => gatewayUrl).catch(async (error: unknown) => {
      await databases.stop();
      throw error;
    })
  : undefined;
if (!storefront) log.warn('the storefront is not built (npm run build -w web): starting without it');
const explorer =
  config.environment === 'production' || !storefront ? {} : { EXPLORER_URL: localUrl(explorerUrl(storefront)) };
let stack: Stack;
try {
  const env = { ...explorer, ...process.env };
  stack = await startStack({ env, databases: databases.urls, eventBusDatabase: databases.eventBus, log });
} catch (error) {
  await storefront?.stop();
  await databases.stop();
  throw error;
}
for (const warning of stack.warnings) log.warn(warning);
gatewayUrl = localUrl(stack.gateway.url);

printBanner({
  headline: `shopgraph is up in ${secondsSinceProcessStart()}s (${databases.source} PostgreSQL)`,
  gatewayUrl: stack.gateway.url,
  ...(storefront ? { storefrontUrl: storefront.url } : {}),
  demoData: databases.seeded,
  details: [
    ...(explorer.EXPLORER_URL
      ? [`  Explorer (GraphiQL)      ${explorer.EXPLORER_URL}  (offline; development only)`]
      : []),
    ...SUBGRAPH_NAMES.map(
      (name) => `  ${name.padEnd(24)} ${localUrl(stack.subgraphs[name].url)}  (signed requests only)`,
    ),
  ],
});
announceListening(log, stack.gateway.url, 'gateway listening');
runUntilSignalled(log, async () => {
  await storefront?.stop();
  await stack.stop();
  await databases.stop();
  await stopTracing();
});
