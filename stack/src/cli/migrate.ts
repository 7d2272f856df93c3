import { createLogger } from '@shopgraph/service-kit/logger';
import { loadStackConfig } from '../config';
import { prepareDatabases } from '../prepare-databases';

// `npm run db:migrate`: applies pending migrations to every subgraph's database
// (<NAME>_DATABASE_URL, or the embedded cluster), then exits.
const config = loadStackConfig(process.env);
const databases = await prepareDatabases({
  config,
  env: process.env,
  log: createLogger('db:migrate', config.logLevel),
  seed: false,
});
await databases.stop();
