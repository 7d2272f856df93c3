import { announceListening } from '@shopgraph/service-kit/announce-listening';
import { createLogger } from '@shopgraph/service-kit/logger';
import { runUntilSignalled } from '@shopgraph/service-kit/run-until-signalled';
import { loadOrdersConfig } from './config';
import { startOrdersService } from './service';

const config = loadOrdersConfig(process.env);
const log = createLogger('orders', config.logLevel);
for (const warning of config.warnings) log.warn(warning);
const service = await startOrdersService(config, log);
announceListening(log, service.url, 'orders subgraph listening');
runUntilSignalled(log, () => service.stop());
