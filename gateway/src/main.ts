import { announceListening } from '@shopgraph/service-kit/announce-listening';
import { createLogger } from '@shopgraph/service-kit/logger';
import { runUntilSignalled } from '@shopgraph/service-kit/run-until-signalled';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway-server';

const config = loadGatewayConfig(process.env);
const log = createLogger('gateway', config.logLevel);
for (const warning of config.warnings) log.warn(warning);
const gateway = await startGateway(config, log);
announceListening(log, gateway.url, 'gateway listening');
runUntilSignalled(log, () => gateway.stop());
