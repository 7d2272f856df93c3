import { announceListening } from '@shopgraph/service-kit/announce-listening';
import { createLogger } from '@shopgraph/service-kit/logger';
import { runUntilSignalled } from '@shopgraph/service-kit/run-until-signalled';
import { loadPaymentsConfig } from './config';
import { startPaymentsService } from './service';

const config = loadPaymentsConfig(process.env);
const log = createLogger('payments', config.logLevel);
for (const warning of config.warnings) log.warn(warning);
const service = await startPaymentsService(config, log);
announceListening(log, service.url, 'payments subgraph listening');
runUntilSignalled(log, () => service.stop());
