import { runService } from '@shopgraph/service-kit/run-service';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway-server';

await runService({ name: 'gateway', listening: 'gateway listening', load: loadGatewayConfig, start: startGateway });
