/** The four subgraphs, in the order they are provisioned and started. */
export const SUBGRAPH_NAMES = ['users', 'products', 'orders', 'payments'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** The environment variable each service (and its prisma.config.ts) reads its database from. */
export const databaseUrlVariable = (name: SubgraphName): string => `${name.toUpperCase()}_DATABASE_URL`;

/** The gateway's environment routing every subgraph to its URL (`USERS_URL`, …). */
export const routingEnv = (urlOf: (name: SubgraphName) => string): Record<string, string> =>
  Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, urlOf(name)]));

/** The gateway and every subgraph on a port the kernel picks, each announcing where it listens. */
export const ANY_FREE_PORTS: Readonly<Record<string, string>> = {
  GATEWAY_PORT: '0',
  ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, '0'])),
};
