import { createLogger } from '@shopgraph/service-kit/logger';
import { loadStackConfig } from '../config';
import { prepareDatabases } from '../prepare-databases';

// `npm run db:seed`: migrates, then inserts the demo data where it is missing, then exits.
const config = loadStackConfig(process.env);
const databases = await prepareDatabases({
  config,
  env: process.env,
  log: createLogger('db:seed', config.logLevel),
  seed: true,
});
await databases.stop();
