import { runService } from '@shopgraph/service-kit/run-service';
import { loadOrdersConfig } from './config';
import { startOrdersService } from './service';

await runService({
  name: 'orders',
  listening: 'orders subgraph listening',
  load: loadOrdersConfig,
  start: startOrdersService,
});
