import { runService } from '@shopgraph/service-kit/run-service';
import { loadProductsConfig } from './config';
import { startProductsService } from './service';

await runService({
  name: 'products',
  listening: 'products subgraph listening',
  load: loadProductsConfig,
  start: startProductsService,
});
