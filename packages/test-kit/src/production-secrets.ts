import { SUBGRAPH_NAMES } from '@shopgraph/stack/subgraph-names';

/**
 * The secrets production mode refuses to start without: `JWT_SECRET` and each subgraph's
 * signing secret, none of them a development default. `label` keeps one run's apart.
 */
export function productionSecrets(label: string): Record<string, string> {
  const secret = (name: string) => `${label}-${name}-secret-0123456789abcdefghij`;
  return {
    JWT_SECRET: secret('jwt'),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_SIGNING_SECRET`, secret(name)])),
  };
}
