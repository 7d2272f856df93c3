import { runService } from '@shopgraph/service-kit/run-service';
import { loadUsersConfig } from './config';
import { startUsersService } from './service';

await runService({
  name: 'users',
  listening: 'users subgraph listening',
  load: loadUsersConfig,
  start: startUsersService,
});
