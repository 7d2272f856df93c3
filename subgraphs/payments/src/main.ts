import { runService } from '@shopgraph/service-kit/run-service';
import { loadPaymentsConfig } from './config';
import { startPaymentsService } from './service';

await runService({
  name: 'payments',
  listening: 'payments subgraph listening',
  load: loadPaymentsConfig,
  start: startPaymentsService,
});
