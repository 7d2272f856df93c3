import { z } from 'zod';
import { host, logLevel, nodeEnv, optionalSecret, parseEnv, port, resolveSecret } from '@shopgraph/service-kit/env';
import { runService } from '@shopgraph/service-kit/run-service';
import { startReviewsSubgraph } from './reviews-subgraph';

// The example subgraph of README's "Add a subgraph", as its own process:
// REVIEWS_HOST, REVIEWS_PORT (4005), REVIEWS_SIGNING_SECRET (else SUBGRAPH_SIGNING_SECRET).
const schema = z.object({
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  REVIEWS_HOST: host,
  REVIEWS_PORT: port(4005),
  REVIEWS_SIGNING_SECRET: optionalSecret,
  SUBGRAPH_SIGNING_SECRET: optionalSecret,
});

function loadReviewsConfig(env: Readonly<Record<string, string | undefined>>) {
  const raw = parseEnv(schema, env);
  const secret = resolveSecret(
    'REVIEWS_SIGNING_SECRET',
    raw.REVIEWS_SIGNING_SECRET ?? raw.SUBGRAPH_SIGNING_SECRET,
    raw.NODE_ENV,
  );
  return {
    logLevel: raw.LOG_LEVEL,
    host: raw.REVIEWS_HOST,
    port: raw.REVIEWS_PORT,
    signingSecret: secret.value,
    warnings: secret.warning === undefined ? [] : [secret.warning],
  };
}

await runService({
  name: 'reviews',
  listening: 'reviews subgraph listening',
  load: loadReviewsConfig,
  start: (config, log) => startReviewsSubgraph({ ...config, log }),
});
