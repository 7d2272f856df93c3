import { announceListening } from '@shopgraph/service-kit/announce-listening';
import { createLogger } from '@shopgraph/service-kit/logger';
import { runUntilSignalled } from '@shopgraph/service-kit/run-until-signalled';
import { loadProductsConfig } from './config';
import { startProductsService } from './service';

const config = loadProductsConfig(process.env);
const log = createLogger('products', config.logLevel);
for (const warning of config.warnings) log.warn(warning);
const service = await startProductsService(config, log);
announceListening(log, service.url, 'products subgraph listening');
runUntilSignalled(log, () => service.stop());
