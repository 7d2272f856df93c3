import { createLogger } from '@shopgraph/service-kit/logger';
import { loadStackConfig } from '../config';
import { NO_DEMO_DATA_IN_PRODUCTION, prepareDatabases } from '../prepare-databases';

// `npm run db:migrate` applies pending migrations to every subgraph's database
// (<NAME>_DATABASE_URL, or the embedded cluster); `npm run db:seed` (--seed) also inserts
// the demo data where it is missing. Then it exits.
const seed = process.argv.includes('--seed');
const config = loadStackConfig(process.env);
const log = createLogger(seed ? 'db:seed' : 'db:migrate', config.logLevel);
// asked for by name, the seed refuses outright rather than migrating and reporting success
if (seed && config.environment === 'production')
  throw new Error(`npm run db:seed refuses: ${NO_DEMO_DATA_IN_PRODUCTION}.`);
const databases = await prepareDatabases({ config, env: process.env, log, seed });
await databases.stop();
log.info({ seeded: seed }, 'databases ready');
