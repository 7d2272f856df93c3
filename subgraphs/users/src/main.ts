import { announceListening } from '@shopgraph/service-kit/announce-listening';
import { createLogger } from '@shopgraph/service-kit/logger';
import { runUntilSignalled } from '@shopgraph/service-kit/run-until-signalled';
import { loadUsersConfig } from './config';
import { startUsersService } from './service';

const config = loadUsersConfig(process.env);
const log = createLogger('users', config.logLevel);
for (const warning of config.warnings) log.warn(warning);
const service = await startUsersService(config, log);
announceListening(log, service.url, 'users subgraph listening');
runUntilSignalled(log, () => service.stop());
